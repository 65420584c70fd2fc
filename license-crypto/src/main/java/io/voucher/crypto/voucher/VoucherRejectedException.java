package io.voucher.crypto.voucher;

import io.voucher.crypto.CryptoException;

/**
 * A voucher was refused by the device; {@link #reason()} says why.
 */
public class VoucherRejectedException extends CryptoException {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	public VoucherRejectedException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public VoucherRejectedException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	@Override
	public Reason reason() {
		return this.reason;
	}

	@Override
	protected String area() {
		return "voucher";
	}

	/**
	 * Why a voucher was refused.
	 */
	public enum Reason {

		/** Not a well-formed voucher. */
		MALFORMED,

		/**
		 * Another algorithm than ES256 for the signature or the allowed JWE algorithms.
		 */
		ALGORITHM_NOT_ALLOWED,

		/** The signature does not verify: the voucher was altered. */
		TAMPERED,

		/** Not signed by a key chaining to the pinned license root. */
		FOREIGN_SIGNER,

		/** Bound to another device certificate. */
		BOUND_TO_ANOTHER_DEVICE,

		/** Bound to a group, opened as a device (or the reverse). */
		WRONG_BINDING_KIND,

		/** Bound to another group. */
		BOUND_TO_ANOTHER_GROUP,

		/** Bound to another generation of the group key. */
		GROUP_GENERATION_MISMATCH,

		/**
		 * The key block belongs to another license (its {@code lid} or key ids differ).
		 */
		KEY_BLOCK_MISMATCH,

		/** The key block cannot be decrypted with this device's (or group's) key. */
		KEY_BLOCK_UNREADABLE,

		/** Past its expiry. */
		EXPIRED,

		/** Before its not-before. */
		NOT_YET_VALID

	}

}
