package io.voucher.api.token;

import io.voucher.api.web.ApiException;
import io.voucher.api.web.ProblemCode;

/**
 * An entitlement token was refused; {@link #reason()} says why, as the problem's stable
 * {@code reason} member. Messages never repeat the token or its claims' values.
 */
public class EntitlementTokenRejectedException extends ApiException {

	private final Reason reason;

	/**
	 * Refuses a token.
	 * @param reason why
	 * @param message what to tell the client; never the token or its claims' values
	 */
	public EntitlementTokenRejectedException(Reason reason, String message) {
		super(ProblemCode.ENTITLEMENT_TOKEN_REJECTED, message);
		this.reason = reason;
	}

	/**
	 * Why the token was refused.
	 * @return the reason
	 */
	public Reason reason() {
		return this.reason;
	}

	/**
	 * Why a token is refused. The names are stable: clients may act on them.
	 */
	public enum Reason {

		/** Not a compact JWS with a JSON claims set, or with a {@code crit} header. */
		MALFORMED,
		/**
		 * {@code alg} is not HS256 or ES256, or not the algorithm its key is registered
		 * for ({@code none} and algorithm confusion land here).
		 */
		ALGORITHM_NOT_ALLOWED,
		/** No {@code iss}, or no provider of that name. */
		UNKNOWN_ISSUER,
		/** No {@code kid}, or the provider has no key of that id. */
		UNKNOWN_KEY,
		/** The signature does not verify with the provider's key. */
		BAD_SIGNATURE,
		/** {@code aud} does not name this server. */
		WRONG_AUDIENCE,
		/** {@code exp} has passed. */
		EXPIRED,
		/** {@code nbf} or {@code iat} is in the future. */
		NOT_YET_VALID,
		/** From {@code iat} to {@code exp} is longer than allowed. */
		LIFETIME_TOO_LONG,
		/** A claim is missing or of the wrong type. */
		INVALID_CLAIMS,
		/**
		 * The token names another device than the one that signed the challenge, names no
		 * device where one is needed, or names one where none may be (Clear Key).
		 */
		DEVICE_MISMATCH,
		/**
		 * The challenge asks for a content the token does not name (or, for Clear Key,
		 * none of the requested keys is a key of the token's contents).
		 */
		CONTENT_NOT_ENTITLED

	}

}
