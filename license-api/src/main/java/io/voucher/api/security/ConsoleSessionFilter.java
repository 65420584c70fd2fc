package io.voucher.api.security;

import java.io.IOException;
import java.util.Set;
import java.util.stream.Collectors;

import io.voucher.api.admin.AdminUserDetailsService;
import io.voucher.api.admin.AdminUserDetailsService.AdminUserDetails;
import io.voucher.api.admin.ConsoleSession;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks the user behind a console session on every request, as HTTP Basic does by
 * nature: a disabled or deleted user's session ends at once, and so does every session
 * but the changing one when the user's password changes; a changed role or a changed
 * one-time password takes effect without signing in again. It also makes sure the console
 * has its CSRF token cookie while the session lives.
 */
final class ConsoleSessionFilter extends OncePerRequestFilter {

	private final AdminUserDetailsService users;

	private final SecurityContextRepository contexts;

	ConsoleSessionFilter(AdminUserDetailsService users, SecurityContextRepository contexts) {
		this.users = users;
		this.contexts = contexts;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getDetails() instanceof ConsoleSession session) {
			AdminUserDetails user = currentUser(authentication.getName());
			// A changed password ends every other session of the user, on every node: the
			// count of changes lives with the user in the database.
			if (user == null || !user.isEnabled() || user.credentialsVersion() != session.credentialsVersion()) {
				HttpSession httpSession = request.getSession(false);
				if (httpSession != null) {
					httpSession.invalidate();
				}
				SecurityContextHolder.clearContext();
			}
			else if (!names(user.getAuthorities()).equals(names(authentication.getAuthorities()))) {
				UsernamePasswordAuthenticationToken refreshed = UsernamePasswordAuthenticationToken
					.authenticated(user.getUsername(), null, user.getAuthorities());
				refreshed.setDetails(session);
				SecurityContext context = SecurityContextHolder.createEmptyContext();
				context.setAuthentication(refreshed);
				SecurityContextHolder.setContext(context);
				this.contexts.saveContext(context, request, response);
			}
			CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
			if (token != null) {
				// Loading the deferred token writes its cookie when the browser has none.
				token.getToken();
			}
		}
		chain.doFilter(request, response);
	}

	private @Nullable AdminUserDetails currentUser(String username) {
		try {
			return this.users.loadUserByUsername(username);
		}
		catch (UsernameNotFoundException ex) {
			return null;
		}
	}

	private static Set<String> names(java.util.Collection<? extends GrantedAuthority> authorities) {
		return authorities.stream().map(GrantedAuthority::getAuthority).collect(Collectors.toSet());
	}

}
