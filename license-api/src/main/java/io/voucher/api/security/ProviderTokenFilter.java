package io.voucher.api.security;

import java.io.IOException;
import java.util.Optional;

import io.voucher.api.web.ProblemCode;
import io.voucher.domain.provider.AuthenticatedCredential;
import io.voucher.domain.provider.Provider;
import io.voucher.domain.provider.ProviderService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer vch_…} as the provider owning that
 * credential. A bearer token that is not a valid, active credential is refused at once
 * rather than treated as anonymous. A valid credential of a disabled provider is refused
 * with 403 {@code PROVIDER_DISABLED}.
 */
final class ProviderTokenFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

	private final ProviderService providers;

	private final AuthenticationEntryPoint entryPoint;

	private final ProblemSecurityHandlers problems;

	ProviderTokenFilter(ProviderService providers, ProblemSecurityHandlers problems) {
		this.providers = providers;
		this.entryPoint = problems;
		this.problems = problems;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
			chain.doFilter(request, response);
			return;
		}
		Optional<AuthenticatedCredential> credential = this.providers
			.authenticate(authorization.substring(BEARER.length()).trim());
		if (credential.isEmpty()) {
			SecurityContextHolder.clearContext();
			this.entryPoint.commence(request, response,
					new BadCredentialsException("The bearer credential is not valid"));
			return;
		}
		Provider provider = credential.get().provider();
		if (provider.isDisabled()) {
			// The secret was right, so saying why is no help to a guesser.
			SecurityContextHolder.clearContext();
			this.problems.write(response, ProblemCode.PROVIDER_DISABLED,
					"The provider is disabled; its credentials are refused until an ADMIN enables it again.");
			return;
		}
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(new ProviderAuthentication(new ProviderPrincipal(provider.id(), provider.name()),
				credential.get().prefix(), credential.get().keyExport()));
		SecurityContextHolder.setContext(context);
		try {
			chain.doFilter(request, response);
		}
		finally {
			SecurityContextHolder.clearContext();
		}
	}

}
