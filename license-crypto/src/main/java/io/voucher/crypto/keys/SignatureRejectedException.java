package io.voucher.crypto.keys;

import io.voucher.crypto.CryptoException;
import io.voucher.crypto.internal.JoseProblem;

/**
 * A JWS signed (or claimed to be signed) by a license signing key was refused.
 */
public class SignatureRejectedException extends CryptoException {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	public SignatureRejectedException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	public SignatureRejectedException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	static SignatureRejectedException of(JoseProblem problem) {
		Reason reason = switch (problem.kind()) {
			case ALGORITHM_NOT_ALLOWED -> Reason.ALGORITHM_NOT_ALLOWED;
			case UNKNOWN_CRITICAL_HEADER -> Reason.UNKNOWN_CRITICAL_HEADER;
			case WRONG_TYPE -> Reason.WRONG_TYPE;
			case BAD_SIGNATURE -> Reason.BAD_SIGNATURE;
			case FOREIGN_SIGNER -> Reason.FOREIGN_SIGNER;
			default -> Reason.MALFORMED;
		};
		return new SignatureRejectedException(reason, problem.getMessage(), problem);
	}

	@Override
	public Reason reason() {
		return this.reason;
	}

	@Override
	protected String area() {
		return "signature";
	}

	/**
	 * Why a JWS was refused.
	 */
	public enum Reason {

		/** Not a compact JWS or not a JSON payload. */
		MALFORMED,

		/** {@code none}, an HMAC or another algorithm than ES256/PS256 for the key. */
		ALGORITHM_NOT_ALLOWED,

		/** A {@code crit} header. */
		UNKNOWN_CRITICAL_HEADER,

		/** Another {@code typ} than expected: an object of another kind. */
		WRONG_TYPE,

		/** The signature does not verify: the object was altered. */
		BAD_SIGNATURE,

		/**
		 * Signed by a key that does not chain to the pinned license root, or an unknown
		 * kid.
		 */
		FOREIGN_SIGNER

	}

}
