package io.voucher.crypto.challenge;

import io.voucher.crypto.CryptoException;
import io.voucher.crypto.pki.CertificateRejectedException;
import org.jspecify.annotations.Nullable;

/**
 * A challenge was refused by the server; {@link #reason()} says why, and for
 * {@code CERTIFICATE_REJECTED} {@link #certificateReason()} says what was wrong with the
 * chain.
 */
public class ChallengeRejectedException extends CryptoException {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	public ChallengeRejectedException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public ChallengeRejectedException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	@Override
	public Reason reason() {
		return this.reason;
	}

	/**
	 * The certificate's refusal reason, when the reason is {@code CERTIFICATE_REJECTED}.
	 * @return the reason, or {@code null}
	 */
	public CertificateRejectedException.@Nullable Reason certificateReason() {
		return (getCause() instanceof CertificateRejectedException rejected) ? rejected.reason() : null;
	}

	@Override
	protected String area() {
		return "challenge";
	}

	/**
	 * Why a challenge was refused.
	 */
	public enum Reason {

		/** Not a compact JWS, or the payload is not JSON. */
		MALFORMED,

		/**
		 * {@code none}, an HMAC, or an algorithm that does not match the device key type.
		 */
		ALGORITHM_NOT_ALLOWED,

		/** A {@code crit} header parameter (none is understood). */
		UNKNOWN_CRITICAL_HEADER,

		/** The {@code typ} is not the one of the request verified. */
		WRONG_TYPE,

		/** No {@code x5c} header. */
		MISSING_CERTIFICATE_CHAIN,

		/** The device certificate chain was refused (see the cause). */
		CERTIFICATE_REJECTED,

		/** The signature does not verify with the device key. */
		BAD_SIGNATURE,

		/** {@code iat} is further in the future than the allowed skew. */
		ISSUED_IN_FUTURE,

		/** {@code iat} is older than the allowed skew. */
		STALE,

		/** A claim is missing or has a wrong type or value. */
		INVALID_CLAIMS

	}

}
