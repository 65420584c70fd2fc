package io.voucher.api.security;

import java.io.IOException;

import io.voucher.api.ratelimit.SignInRefusedException;
import io.voucher.api.web.DatabaseOutageFilter;
import io.voucher.api.web.ProblemCode;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;

/**
 * Answers "who are you?" (401), "not you" (403) and "not now" (429, too many failed
 * sign-ins) as RFC 9457 problems with stable codes, like every other error of the API.
 */
final class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

	private final JsonMapper json;

	ProblemSecurityHandlers(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException authException) throws IOException {
		if (DatabaseOutageFilter.isOutage(authException)) {
			// The user store is unreachable: not the caller's fault, so not a 401.
			response.setHeader(HttpHeaders.RETRY_AFTER, DatabaseOutageFilter.RETRY_AFTER_SECONDS);
			write(response, ProblemCode.SERVICE_UNAVAILABLE, "The database is not reachable; try again shortly.");
			return;
		}
		if (authException instanceof SignInRefusedException refused) {
			// No challenge: the caller is not to try another password now.
			response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(refused.retryAfterSeconds()));
			ProblemDetail problem = refused.problem();
			response.setStatus(problem.getStatus());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			this.json.writeValue(response.getOutputStream(), problem);
			return;
		}
		if (authException instanceof DisabledException) {
			// Thrown only once the password was right (AdminSignIn).
			write(response, ProblemCode.USER_DISABLED, "This admin user is disabled; an ADMIN can enable it again.");
			return;
		}
		response.setHeader("WWW-Authenticate", "Bearer realm=\"voucher\", Basic realm=\"voucher\"");
		write(response, ProblemCode.UNAUTHORIZED, "Authentication is required: a provider bearer credential or an "
				+ "admin user; the one given, if any, is not valid.");
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			AccessDeniedException accessDeniedException) throws IOException {
		if (accessDeniedException instanceof CsrfException) {
			write(response, ProblemCode.CSRF_TOKEN_INVALID,
					"A console session must send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header.");
			return;
		}
		write(response, ProblemCode.FORBIDDEN, "You are not allowed to do this.");
	}

	void passwordChangeRequired(HttpServletResponse response) throws IOException {
		write(response, ProblemCode.PASSWORD_CHANGE_REQUIRED,
				"Change your one-time password first: POST /api/v1/admin/me/password.");
	}

	void write(HttpServletResponse response, ProblemCode code, String detail) throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(code.status(), detail);
		problem.setType(code.type());
		problem.setProperty("code", code.name());
		response.setStatus(code.status().value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
