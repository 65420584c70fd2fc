package io.voucher.api.web;

import java.io.IOException;
import java.io.InputStream;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@code voucher.http.max-request-body} with a 413 problem,
 * before anything parses them. A body without a declared length is read up to the limit
 * first.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestBodyLimitFilter extends OncePerRequestFilter {

	private final long limit;

	private final JsonMapper json;

	RequestBodyLimitFilter(HttpLimitsProperties properties, JsonMapper json) {
		this.limit = properties.maxRequestBody().toBytes();
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = request.getRequestURI();
		return !(path.startsWith("/api/") || path.startsWith("/device/"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long declared = request.getContentLengthLong();
		if (declared > this.limit) {
			refuse(response);
			return;
		}
		if (declared < 0 && request.getHeader("Transfer-Encoding") != null) {
			byte[] body = readAtMost(request.getInputStream(), this.limit + 1);
			if (body.length > this.limit) {
				refuse(response);
				return;
			}
			chain.doFilter(new CachedBodyRequest(request, body), response);
			return;
		}
		chain.doFilter(request, response);
	}

	private void refuse(HttpServletResponse response) throws IOException {
		ProblemCode code = ProblemCode.PAYLOAD_TOO_LARGE;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(code.status(),
				"The request body is larger than " + this.limit + " bytes.");
		problem.setType(code.type());
		problem.setProperty("code", code.name());
		response.setStatus(code.status().value());
		response.setHeader("Connection", "close");
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

	private static byte[] readAtMost(InputStream in, long max) throws IOException {
		return in.readNBytes((int) Math.min(max, Integer.MAX_VALUE - 8));
	}

}
