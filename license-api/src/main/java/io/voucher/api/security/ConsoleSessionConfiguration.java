package io.voucher.api.security;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * What a console session is made of: the security context kept in the HTTP session, and
 * the CSRF token kept in a cookie that the console's script reads and sends back in a
 * header (the double-submit pattern, as Angular and axios do by default).
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSessionConfiguration {

	/** The cookie the console reads the CSRF token from. */
	static final String CSRF_COOKIE = "XSRF-TOKEN";

	/** The header the console sends the CSRF token in. */
	static final String CSRF_HEADER = "X-XSRF-TOKEN";

	static final String SESSION_PATH = "/api/v1/admin/session";

	/**
	 * The requests that must carry a CSRF token: the state-changing ones sent with a live
	 * session, the only kind a browser adds credentials to by itself. Basic and bearer
	 * callers have no session and need no token; signing in opens the session, so it
	 * cannot need one (it only takes JSON, which another site cannot send without a CORS
	 * preflight that {@code /api} never allows).
	 */
	static final RequestMatcher SESSION_WRITES = ConsoleSessionConfiguration::isSessionWrite;

	@Bean
	CsrfTokenRepository consoleCsrfTokenRepository() {
		CookieCsrfTokenRepository tokens = CookieCsrfTokenRepository.withHttpOnlyFalse();
		tokens.setCookieName(CSRF_COOKIE);
		tokens.setHeaderName(CSRF_HEADER);
		tokens.setCookiePath("/");
		tokens.setCookieCustomizer((cookie) -> cookie.sameSite("Strict"));
		return tokens;
	}

	@Bean
	SecurityContextRepository consoleSecurityContextRepository() {
		HttpSessionSecurityContextRepository sessions = new HttpSessionSecurityContextRepository();
		// Only signing in opens a session; nothing else may create one by accident.
		sessions.setAllowSessionCreation(false);
		return new DelegatingSecurityContextRepository(new RequestAttributeSecurityContextRepository(), sessions);
	}

	private static boolean isSessionWrite(HttpServletRequest request) {
		String method = request.getMethod();
		if (HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method) || HttpMethod.OPTIONS.matches(method)
				|| HttpMethod.TRACE.matches(method)) {
			return false;
		}
		if (HttpMethod.POST.matches(method) && SESSION_PATH.equals(request.getRequestURI())) {
			return false;
		}
		// With no live session there is nothing a forged request could ride on: it gets
		// 401.
		return request.getSession(false) != null;
	}

}
