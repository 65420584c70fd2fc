package io.voucher.api.security;

import java.io.IOException;
import java.util.Set;

import io.voucher.api.admin.AdminUserDetailsService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps an admin user with a one-time password to a few requests until it is changed:
 * reading their own profile, changing the password, and signing in or out of the console.
 */
final class PasswordChangeRequiredFilter extends OncePerRequestFilter {

	// Signing in and out of the console stays possible, or the user could not get back
	// out.
	private static final Set<String> ALLOWED = Set.of("/api/v1/admin/me", "/api/v1/admin/me/password",
			"/api/v1/admin/session");

	private final ProblemSecurityHandlers problems;

	PasswordChangeRequiredFilter(ProblemSecurityHandlers problems) {
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && !ALLOWED.contains(request.getRequestURI()) && authentication.getAuthorities()
			.stream()
			.anyMatch(
					(authority) -> AdminUserDetailsService.PASSWORD_CHANGE_REQUIRED.equals(authority.getAuthority()))) {
			this.problems.passwordChangeRequired(response);
			return;
		}
		chain.doFilter(request, response);
	}

}
