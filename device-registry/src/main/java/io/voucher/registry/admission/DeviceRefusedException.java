package io.voucher.registry.admission;

/**
 * A device is refused: its provider is disabled, or it is revoked for the platform,
 * blocked by the provider, or not admitted by the provider's admission settings.
 */
public class DeviceRefusedException extends RuntimeException {

	private final Reason reason;

	public DeviceRefusedException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	/**
	 * Why the device is refused.
	 * @return the reason
	 */
	public Reason reason() {
		return this.reason;
	}

	/** Why a device is refused. */
	public enum Reason {

		/** Its certificate or key is revoked for the whole platform. */
		REVOKED,
		/** The provider blocked its certificate or key. */
		BLOCKED,
		/** The provider does not admit devices of its root. */
		ROOT_NOT_ADMITTED,
		/** Its security level is below the provider's minimum. */
		SECURITY_LEVEL_TOO_LOW,
		/** The provider is disabled: it deals with no device until enabled again. */
		PROVIDER_DISABLED

	}

}
