package io.voucher.api.security;

import io.voucher.api.admin.AdminUserDetailsService;
import io.voucher.api.cors.DeviceCorsConfigurationSource;
import io.voucher.api.ratelimit.SignInOrigin;
import io.voucher.api.ratelimit.SignInThrottle;
import io.voucher.domain.provider.ProviderService;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Access rules. The provider API takes a provider's bearer credential or an admin user;
 * the admin API takes admin users by role; documentation and the console's static files
 * are public. Every refusal is an RFC 9457 problem. Admin users sign in to the console
 * with a session whose writes need a CSRF token; Basic and bearer callers stay stateless.
 * Health is public (status only); metrics and info take the metrics scrape token. The
 * device API answers CORS for the providers' allowed origins.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ MetricsAccessProperties.class, ConsolePlayerProperties.class })
class SecurityConfiguration {

	/**
	 * The console is served from this origin only and talks to this origin only: no
	 * inline script, no framing, no third-party hosts.
	 */
	static final String CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	/**
	 * The console's policy where its try-it player runs: media from Media Source
	 * Extensions ({@code blob:}), and manifests and segments from the configured player
	 * origins.
	 * @param player the origins streams may come from
	 * @return the policy
	 */
	static String consoleCsp(ConsolePlayerProperties player) {
		String origins = player.playerOrigins().stream().map((origin) -> " " + origin).reduce("", String::concat);
		return CONSOLE_CSP.replace("connect-src 'self';",
				"connect-src 'self'" + origins + "; media-src 'self' blob:" + origins + ";");
	}

	private static final String[] READERS = { "ADMIN", "OPERATOR", "AUDITOR" };

	private static final String[] WRITERS = { "ADMIN", "OPERATOR" };

	/**
	 * Takes the CSRF token from the {@code X-XSRF-TOKEN} header only, never from a
	 * {@code _csrf} request parameter: a token in a URL ends up in logs, histories and
	 * {@code Referer} headers.
	 */
	static final class HeaderOnlyCsrfTokenRequestHandler extends CsrfTokenRequestAttributeHandler {

		@Override
		public @Nullable String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
			return request.getHeader(csrfToken.getHeaderName());
		}

	}

	@Bean
	PasswordEncoder passwordEncoder(PasswordHashingProperties hashing) {
		return PasswordHashing.encoder(hashing);
	}

	@Bean
	SecurityFilterChain apiSecurity(HttpSecurity http, ProviderService providers, JsonMapper json,
			AdminUserDetailsService adminUsers, CsrfTokenRepository consoleCsrfTokens,
			SecurityContextRepository consoleContexts, AdminSignIn adminSignIn, SignInThrottle signInThrottle)
			throws Exception {
		ProblemSecurityHandlers problems = new ProblemSecurityHandlers(json);
		http.securityMatcher("/api/**")
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/api/v1/platform/**")
				.permitAll()
				// Console sign-in and sign-out: the sign-in is the authentication itself.
				.requestMatchers(ConsoleSessionConfiguration.SESSION_PATH)
				.permitAll()
				.requestMatchers("/api/v1/admin/me", "/api/v1/admin/me/**")
				.hasAnyRole(READERS)
				.requestMatchers("/api/v1/admin/users", "/api/v1/admin/users/**")
				.hasRole("ADMIN")
				// Renaming, disabling and enabling a provider: ADMIN only.
				.requestMatchers(HttpMethod.PATCH, "/api/v1/admin/providers/*")
				.hasRole("ADMIN")
				.requestMatchers(HttpMethod.POST, "/api/v1/admin/providers/*/credentials",
						"/api/v1/admin/providers/*/credentials/**")
				.hasRole("ADMIN")
				.requestMatchers(HttpMethod.DELETE, "/api/v1/admin/providers/*/credentials/**")
				.hasRole("ADMIN")
				// Trusting a device root decides which devices get keys: ADMIN only.
				.requestMatchers(HttpMethod.POST, "/api/v1/admin/trust-roots")
				.hasRole("ADMIN")
				.requestMatchers(HttpMethod.DELETE, "/api/v1/admin/trust-roots/**")
				.hasRole("ADMIN")
				// Platform-wide revocation refuses a device for every provider: ADMIN
				// only.
				.requestMatchers(HttpMethod.POST, "/api/v1/admin/device-revocations")
				.hasRole("ADMIN")
				.requestMatchers(HttpMethod.GET, "/api/v1/admin/**")
				.hasAnyRole(READERS)
				.requestMatchers("/api/v1/admin/**")
				.hasAnyRole(WRITERS)
				.requestMatchers(HttpMethod.POST, "/api/v1/contents/*/keys/export")
				.hasAuthority(ProviderAuthentication.KEY_EXPORT)
				// CPIX key delivery: provider credentials only; the endpoint checks which
				// credential may have keys in which form (key_export, trusted
				// recipients).
				.requestMatchers(HttpMethod.POST, "/api/v1/cpix", "/api/v1/speke/v2")
				.hasRole("PROVIDER")
				// Which devices get a provider's keys: the provider, or an ADMIN acting
				// for it.
				.requestMatchers(HttpMethod.PUT, "/api/v1/device-admission")
				.hasAnyRole("PROVIDER", "ADMIN")
				// A test token lets anyone who holds it fetch a content's keys: the
				// provider, or an ADMIN acting for it.
				.requestMatchers(HttpMethod.POST, "/api/v1/contents/*/test-token")
				.hasAnyRole("PROVIDER", "ADMIN")
				.requestMatchers(HttpMethod.GET, "/api/v1/**")
				.hasAnyRole("PROVIDER", "ADMIN", "OPERATOR", "AUDITOR")
				.requestMatchers("/api/v1/**")
				.hasAnyRole("PROVIDER", "ADMIN", "OPERATOR")
				.anyRequest()
				.denyAll())
			// Only console sessions need CSRF tokens; Basic and bearer callers stay
			// stateless.
			.csrf((csrf) -> csrf.csrfTokenRepository(consoleCsrfTokens)
				.csrfTokenRequestHandler(new HeaderOnlyCsrfTokenRequestHandler())
				.requireCsrfProtectionMatcher(ConsoleSessionConfiguration.SESSION_WRITES))
			.securityContext((context) -> context.securityContextRepository(consoleContexts))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
			.requestCache((cache) -> cache.requestCache(new NullRequestCache()))
			// Basic sign-ins are counted and locked out like console ones.
			.authenticationManager(adminSignIn)
			.httpBasic((basic) -> basic.authenticationEntryPoint(problems)
				.authenticationDetailsSource(
						(request) -> new SignInOrigin(signInThrottle.clientOf(request), SignInOrigin.BASIC)))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(problems).accessDeniedHandler(problems))
			.addFilterBefore(new ProviderTokenFilter(providers, problems), BasicAuthenticationFilter.class)
			.addFilterBefore(new ConsoleSessionFilter(adminUsers, consoleContexts), BasicAuthenticationFilter.class)
			.addFilterAfter(new PasswordChangeRequiredFilter(problems), BasicAuthenticationFilter.class);
		return http.build();
	}

	/**
	 * The Clear Key license endpoint: browsers call it with an entitlement token, which
	 * the endpoint verifies itself; no provider credential, no session, no CSRF. Its own
	 * chain, so that {@code Authorization: Bearer} there carries an entitlement token and
	 * is never taken for a provider credential. CORS is answered per provider by its own
	 * filter ({@code ClearKeyCors}).
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 1)
	SecurityFilterChain clearKeySecurity(HttpSecurity http) throws Exception {
		http.securityMatcher("/api/v1/clearkey/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONSOLE_CSP))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache((cache) -> cache.requestCache(new NullRequestCache()))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	/**
	 * Operations endpoints: health for anyone (status only), the rest (metrics, info)
	 * with the metrics scrape token.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain operationsSecurity(HttpSecurity http, MetricsAccessProperties metrics, JsonMapper json)
			throws Exception {
		http.securityMatcher("/actuator", "/actuator/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.addFilterBefore(new MetricsTokenFilter(MetricsScrapeToken.of(metrics), new ProblemSecurityHandlers(json)),
					AnonymousAuthenticationFilter.class)
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONSOLE_CSP))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
			.csrf(AbstractHttpConfigurer::disable)
			.requestCache((cache) -> cache.requestCache(new NullRequestCache()))
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

	/**
	 * Everything else: documentation, the console's static files, and device endpoints,
	 * which authenticate each request by the device's signature in their own code.
	 */
	@Bean
	SecurityFilterChain publicSecurity(HttpSecurity http, DeviceCorsConfigurationSource deviceCors,
			ConsolePlayerProperties player) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			// Browser players on the providers' allowed origins call the device API.
			.cors((cors) -> cors.configurationSource(deviceCors))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(consoleCsp(player)))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

}
