package io.voucher.crypto.internal;

/**
 * A JOSE object was refused; each feature maps the kind to its own typed exception.
 */
public final class JoseProblem extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final Kind kind;

	public JoseProblem(Kind kind, String message) {
		super(message);
		this.kind = kind;
	}

	public JoseProblem(Kind kind, String message, Throwable cause) {
		super(message, cause);
		this.kind = kind;
	}

	public Kind kind() {
		return this.kind;
	}

	/**
	 * The kinds of refusal.
	 */
	public enum Kind {

		/** Not a compact JWS/JWE, or a bad payload. */
		MALFORMED,

		/** {@code none}, an HMAC, or an algorithm not allowed for the key. */
		ALGORITHM_NOT_ALLOWED,

		/** A {@code crit} header parameter. */
		UNKNOWN_CRITICAL_HEADER,

		/** A {@code typ} other than the expected one. */
		WRONG_TYPE,

		/** The signature does not verify. */
		BAD_SIGNATURE,

		/** The signer's certificate chain does not lead to the pinned root. */
		FOREIGN_SIGNER,

		/** A JWE cannot be decrypted with the key. */
		DECRYPTION_FAILED

	}

}
