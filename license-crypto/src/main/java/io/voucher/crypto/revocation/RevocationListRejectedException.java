package io.voucher.crypto.revocation;

import io.voucher.crypto.CryptoException;

/**
 * A signed revocation list was refused.
 */
public class RevocationListRejectedException extends CryptoException {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	public RevocationListRejectedException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public RevocationListRejectedException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	@Override
	public Reason reason() {
		return this.reason;
	}

	@Override
	protected String area() {
		return "revocation_list";
	}

	/**
	 * Why a revocation list was refused.
	 */
	public enum Reason {

		/** Not a well-formed list. */
		MALFORMED,

		/** The signature does not verify. */
		TAMPERED,

		/** Not signed by a license signing key of the pinned root. */
		FOREIGN_SIGNER,

		/** Older than (sequence below) the list already known. */
		ROLLED_BACK

	}

}
