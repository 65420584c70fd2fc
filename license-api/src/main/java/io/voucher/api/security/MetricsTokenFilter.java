package io.voucher.api.security;

import java.io.IOException;

import io.voucher.api.web.ProblemCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets through the operations endpoints other than health only with the metrics scrape
 * token; health stays open to anyone (and shows anonymous callers its status only).
 */
final class MetricsTokenFilter extends OncePerRequestFilter {

	private static final String BEARER = "Bearer ";

	private final MetricsScrapeToken token;

	private final ProblemSecurityHandlers problems;

	MetricsTokenFilter(MetricsScrapeToken token, ProblemSecurityHandlers problems) {
		this.token = token;
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.equals("/actuator/health") || path.startsWith("/actuator/health/");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		String presented = (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length()))
				? authorization.substring(BEARER.length()).trim() : null;
		if (!this.token.matches(presented)) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"voucher-metrics\"");
			this.problems.write(response, ProblemCode.UNAUTHORIZED,
					"Metrics and info need the scrape token (voucher.metrics.token) as a bearer credential.");
			return;
		}
		chain.doFilter(request, response);
	}

}
