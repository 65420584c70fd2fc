package io.voucher.registry.trust;

/**
 * A trust root change was refused; {@link #reason()} says why.
 */
public class TrustRootException extends RuntimeException {

	private final Reason reason;

	public TrustRootException(Reason reason, String message) {
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
	 * Why a trust root change was refused.
	 */
	public enum Reason {

		/** Not one PEM certificate of a CA that may sign certificates, or expired. */
		INVALID,
		/** That root is already trusted. */
		EXISTS,
		/** No trusted root with that fingerprint. */
		NOT_FOUND

	}

}
