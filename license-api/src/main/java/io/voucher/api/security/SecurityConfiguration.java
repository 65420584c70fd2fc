package io.voucher.api.security;

import io.voucher.api.admin.AdminUserDetailsService;
import io.voucher.api.cors.DeviceCorsConfigurationSource;
import io.voucher.api.ratelimit.SignInOrigin;
import io.voucher.api.ratelimit.SignInThrottle;
import io.voucher.domain.provider.ProviderService;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Access rules. The provider API takes a provider's bearer credential or an admin user;
 * the admin API takes admin users by role; operations, documentation and the console's
 * static files are public. Every refusal is an RFC 9457 problem. Admin users sign in to
 * the console with a session whose writes need a CSRF token; Basic and bearer callers
 * stay stateless. The device API answers CORS for the providers' allowed origins.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

	/**
	 * The console is served from this origin only and talks to this origin only: no
	 * inline script, no framing, no third-party hosts.
	 */
	static final String CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	private static final String[] READERS = { "ADMIN", "OPERATOR", "AUDITOR" };

	private static final String[] WRITERS = { "ADMIN", "OPERATOR" };

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
				.requestMatchers(HttpMethod.GET, "/api/v1/admin/**")
				.hasAnyRole(READERS)
				.requestMatchers("/api/v1/admin/**")
				.hasAnyRole(WRITERS)
				.requestMatchers(HttpMethod.POST, "/api/v1/contents/*/keys/export")
				.hasAuthority(ProviderAuthentication.KEY_EXPORT)
				.requestMatchers(HttpMethod.GET, "/api/v1/**")
				.hasAnyRole("PROVIDER", "ADMIN", "OPERATOR", "AUDITOR")
				.requestMatchers("/api/v1/**")
				.hasAnyRole("PROVIDER", "ADMIN", "OPERATOR")
				.anyRequest()
				.denyAll())
			// Only console sessions need CSRF tokens; Basic and bearer callers stay
			// stateless.
			.csrf((csrf) -> csrf.csrfTokenRepository(consoleCsrfTokens)
				.csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
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
	 * Everything outside {@code /api}: operations endpoints, documentation, the console's
	 * static files, and device endpoints, which authenticate each request by the device's
	 * signature in their own code.
	 */
	@Bean
	SecurityFilterChain publicSecurity(HttpSecurity http, DeviceCorsConfigurationSource deviceCors) throws Exception {
		http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			// Browser players on the providers' allowed origins call the device API.
			.cors((cors) -> cors.configurationSource(deviceCors))
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONSOLE_CSP))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER)))
			.csrf(AbstractHttpConfigurer::disable)
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		return http.build();
	}

}
