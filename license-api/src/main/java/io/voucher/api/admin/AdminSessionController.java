package io.voucher.api.admin;

import java.time.Clock;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voucher.api.admin.AdminUserController.AdminUserResponse;
import io.voucher.api.admin.AdminUserDetailsService.AdminUserDetails;
import io.voucher.api.ratelimit.SignInOrigin;
import io.voucher.api.ratelimit.SignInRefusedException;
import io.voucher.api.ratelimit.SignInThrottle;
import io.voucher.api.security.AdminSignIn;
import io.voucher.api.web.DatabaseOutageFilter;
import io.voucher.api.web.ApiException;
import io.voucher.api.web.ProblemCode;
import jakarta.servlet.SessionCookieConfig;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Console sign-in and sign-out. Signing in opens an HTTP session (an HttpOnly,
 * SameSite=Strict cookie) and hands out a CSRF token in the {@code XSRF-TOKEN} cookie,
 * which the console's script sends back in {@code X-XSRF-TOKEN} on every state-changing
 * request. API clients keep using HTTP Basic or bearer credentials, without sessions.
 */
@RestController
@RequestMapping("/api/v1/admin/session")
@Tag(name = "Admin: session", description = "Console sign-in with a session cookie and a CSRF token")
class AdminSessionController {

	private static final String DEFAULT_SESSION_COOKIE = "JSESSIONID";

	private final AuthenticationManager authentication;

	private final AdminUserService users;

	private final CsrfTokenRepository csrfTokens;

	private final SecurityContextRepository contexts;

	private final Clock clock;

	private final SignInThrottle throttle;

	AdminSessionController(AdminSignIn signIn, SignInThrottle throttle, AdminUserService users,
			CsrfTokenRepository csrfTokens, SecurityContextRepository contexts, Clock clock) {
		this.authentication = signIn;
		this.throttle = throttle;
		this.users = users;
		this.csrfTokens = csrfTokens;
		this.contexts = contexts;
		this.clock = clock;
	}

	@PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "createAdminSession",
			summary = "Sign in to the console: opens a session and sets the XSRF-TOKEN cookie",
			description = "Answers the signed-in user. A user with a one-time password may then only read "
					+ "their profile, change the password and sign out. State-changing requests of the session "
					+ "must send the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header. User names match "
					+ "regardless of case. After repeated failures for one account or from one address, every "
					+ "sign-in (even with the right password) answers 429 TOO_MANY_SIGN_IN_ATTEMPTS with "
					+ "Retry-After until the lock-out ends, whether or not the user exists.")
	@ApiResponse(responseCode = "200", description = "Signed in")
	@ApiResponse(responseCode = "401", description = "UNAUTHORIZED: wrong user name or password",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "403", description = "USER_DISABLED: the password is right but the user is disabled",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "429",
			description = "TOO_MANY_SIGN_IN_ATTEMPTS: the account or the address is locked out; see Retry-After",
			headers = @Header(name = "Retry-After", description = "Seconds until the lock-out ends",
					schema = @Schema(type = "integer")),
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	AdminUserResponse signIn(@Valid @RequestBody SignInRequest request, HttpServletRequest servletRequest,
			HttpServletResponse servletResponse) {
		Authentication authenticated;
		try {
			UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken
				.unauthenticated(request.username(), request.password());
			attempt.setDetails(new SignInOrigin(this.throttle.clientOf(servletRequest), SignInOrigin.SESSION));
			authenticated = this.authentication.authenticate(attempt);
		}
		catch (SignInRefusedException ex) {
			throw ex;
		}
		catch (InternalAuthenticationServiceException ex) {
			if (DatabaseOutageFilter.isOutage(ex)) {
				throw new ApiException(ProblemCode.SERVICE_UNAVAILABLE,
						"The database is not reachable; try again shortly.", ex);
			}
			throw ex;
		}
		catch (DisabledException ex) {
			// Only with the right password: the user may know their account is disabled.
			throw new ApiException(ProblemCode.USER_DISABLED,
					"This admin user is disabled; an ADMIN can enable it again.");
		}
		catch (AuthenticationException ex) {
			// One answer for an unknown user and a wrong password, disabled or not.
			throw new ApiException(ProblemCode.UNAUTHORIZED, "The username or the password is wrong.");
		}
		AdminUserDetails user = (AdminUserDetails) authenticated.getPrincipal();
		UsernamePasswordAuthenticationToken signedIn = UsernamePasswordAuthenticationToken
			.authenticated(authenticated.getName(), null, authenticated.getAuthorities());
		signedIn.setDetails(new ConsoleSession(this.clock.instant(), user.credentialsVersion()));
		// A session that existed before sign-in gets a new id: a planted id never
		// becomes a signed-in one.
		if (servletRequest.getSession(false) != null) {
			servletRequest.changeSessionId();
		}
		else {
			servletRequest.getSession(true);
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(signedIn);
		SecurityContextHolder.setContext(context);
		this.contexts.saveContext(context, servletRequest, servletResponse);
		// A fresh CSRF token per sign-in, so that a token known before it is worthless.
		CsrfToken token = this.csrfTokens.generateToken(servletRequest);
		this.csrfTokens.saveToken(token, servletRequest, servletResponse);
		servletRequest.setAttribute(CsrfToken.class.getName(), token);
		return AdminUserResponse.of(this.users.get(authenticated.getName()));
	}

	@ExceptionHandler(SignInRefusedException.class)
	ResponseEntity<ProblemDetail> refused(SignInRefusedException ex) {
		return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(ex.problem());
	}

	@DeleteMapping
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "deleteAdminSession",
			summary = "Sign out of the console: ends the session and clears its cookies",
			description = "Needs the X-XSRF-TOKEN header when called with a session. Answers 204 also when there "
					+ "is no session.")
	void signOut(HttpServletRequest request, HttpServletResponse response) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.invalidate();
		}
		SecurityContextHolder.clearContext();
		this.csrfTokens.saveToken(null, request, response);
		SessionCookieConfig cookie = request.getServletContext().getSessionCookieConfig();
		String path = (cookie.getPath() != null) ? cookie.getPath()
				: (request.getContextPath().isEmpty() ? "/" : request.getContextPath());
		response.addHeader(HttpHeaders.SET_COOKIE,
				ResponseCookie.from((cookie.getName() != null) ? cookie.getName() : DEFAULT_SESSION_COOKIE, "")
					.path(path)
					.maxAge(0)
					.httpOnly(true)
					.secure(request.isSecure())
					.sameSite("Strict")
					.build()
					.toString());
	}

	@Schema(name = "SignInRequest")
	record SignInRequest(@NotBlank @Size(max = 100) String username, @NotBlank @Size(max = 1000) String password) {

		@Override
		public String toString() {
			return "SignInRequest[" + this.username + ", ******]";
		}

	}

}
