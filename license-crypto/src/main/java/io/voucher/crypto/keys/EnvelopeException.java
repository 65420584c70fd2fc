package io.voucher.crypto.keys;

import io.voucher.crypto.CryptoException;

/**
 * A sealed record could not be opened.
 */
public class EnvelopeException extends CryptoException {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	public EnvelopeException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	public EnvelopeException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	@Override
	public Reason reason() {
		return this.reason;
	}

	@Override
	protected String area() {
		return "envelope";
	}

	/**
	 * Why a record could not be opened.
	 */
	public enum Reason {

		/** Not a sealed record of a known version. */
		MALFORMED,

		/** Sealed under a KEK this instance does not have. */
		UNKNOWN_KEK,

		/**
		 * Altered, or opened with another identity (associated data) than it was sealed
		 * with.
		 */
		TAMPERED_OR_WRONG_IDENTITY

	}

}
