package io.voucher.crypto.group;

import io.voucher.crypto.CryptoException;

/**
 * A group credential was refused by the device.
 */
public class GroupCredentialRejectedException extends CryptoException {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	public GroupCredentialRejectedException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public GroupCredentialRejectedException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	@Override
	public Reason reason() {
		return this.reason;
	}

	@Override
	protected String area() {
		return "group_credential";
	}

	/**
	 * Why a group credential was refused.
	 */
	public enum Reason {

		/** Not a well-formed credential. */
		MALFORMED,

		/** An algorithm other than ES256 (signature) or the allowed JWE algorithms. */
		ALGORITHM_NOT_ALLOWED,

		/** The signature does not verify: the credential was altered. */
		TAMPERED,

		/** Not signed by a key chaining to the pinned license root. */
		FOREIGN_SIGNER,

		/** Issued to another device (another fingerprint). */
		ISSUED_TO_ANOTHER_DEVICE,

		/** Past its expiry. */
		EXPIRED,

		/**
		 * The encrypted group key names another group or generation than the credential.
		 */
		KEY_BLOCK_MISMATCH,

		/** The encrypted group key cannot be decrypted with this device's key. */
		KEY_BLOCK_UNREADABLE

	}

}
