package io.voucher.api.clearkey;

import java.text.ParseException;

import com.nimbusds.jwt.JWTParser;
import io.voucher.api.web.ApiException;
import io.voucher.api.web.ProblemCode;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;

/**
 * Where a Clear Key license request carries its entitlement token: the
 * {@code X-Voucher-Entitlement} header (as DASH-IF's token convention does), or
 * {@code Authorization: Bearer}. The Clear Key path has a security chain of its own, so a
 * bearer token there is never taken for a provider credential.
 */
final class ClearKeyTokenHeader {

	/** The header a player's request filter adds. */
	static final String NAME = "X-Voucher-Entitlement";

	private static final String BEARER = "Bearer ";

	private ClearKeyTokenHeader() {
	}

	/**
	 * The request's token.
	 * @param request the request
	 * @return the compact JWS, or {@code null} when the request carries none
	 * @throws ApiException {@code INVALID_CLEAR_KEY_REQUEST} when both headers carry
	 * different tokens
	 */
	static @Nullable String of(HttpServletRequest request) {
		String header = trimmed(request.getHeader(NAME));
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		String bearer = (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length()))
				? trimmed(authorization.substring(BEARER.length())) : null;
		if (header != null && bearer != null && !header.equals(bearer)) {
			throw new ApiException(ProblemCode.INVALID_CLEAR_KEY_REQUEST,
					"Give the entitlement token once: X-Voucher-Entitlement and Authorization carry different ones");
		}
		return (header != null) ? header : bearer;
	}

	/**
	 * The provider a token says it is from, unverified: only to choose CORS origins,
	 * which the verified issuer of a granted answer always equals.
	 * @param request the request
	 * @return the token's {@code iss}, or {@code null}
	 */
	static @Nullable String claimedIssuer(HttpServletRequest request) {
		try {
			String token = of(request);
			return (token != null) ? JWTParser.parse(token).getJWTClaimsSet().getIssuer() : null;
		}
		catch (ParseException | RuntimeException ex) {
			return null;
		}
	}

	private static @Nullable String trimmed(@Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		return value.trim();
	}

}
