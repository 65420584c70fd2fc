package io.voucher.registry.registration;

/**
 * A registration request or a registration change was refused; {@link #reason()} says
 * why.
 */
public class RegistrationException extends RuntimeException {

	private final Reason reason;

	public RegistrationException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	/**
	 * Why it was refused.
	 * @return the reason
	 */
	public Reason reason() {
		return this.reason;
	}

	/**
	 * Why a registration request or change was refused.
	 */
	public enum Reason {

		/** No registration of that generated ID. */
		NOT_FOUND,
		/**
		 * The generated ID is registered with another device certificate (or provider).
		 */
		CONFLICT,
		/** The registration was superseded or its device revoked. */
		GONE,
		/** The device certificate is revoked. */
		DEVICE_REVOKED,
		/** The request is invalid (e.g. a transfer to the same generated ID). */
		INVALID

	}

}
