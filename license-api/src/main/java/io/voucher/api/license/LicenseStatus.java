package io.voucher.api.license;

/**
 * The {@code status} of a license response. Every value but {@link #OK} is a refusal
 * answered inside the license response envelope; nothing is issued or stored for it.
 */
public enum LicenseStatus {

	/** The license was issued (or, for parse_only, the challenge was read). */
	OK,

	/**
	 * The license message is inconsistent (e.g. both allowed_track_types and
	 * content_key_specs).
	 */
	MALFORMED_REQUEST,

	/**
	 * The payload is not a valid challenge (format, type, algorithm, or issue time out of
	 * range).
	 */
	INVALID_LICENSE_CHALLENGE,

	/** The challenge's signature does not verify with its device certificate. */
	SIGNATURE_FAILED,

	/**
	 * The device certificate does not chain to a trusted root, or is expired or misused.
	 */
	INVALID_DEVICE_CERTIFICATE,

	/**
	 * The device certificate or its key is revoked for the whole platform, or blocked by
	 * this provider.
	 */
	DRM_DEVICE_CERTIFICATE_REVOKED,

	/** The challenge was used before. */
	CHALLENGE_REPLAYED,

	/** The message's content_id does not match the challenge's. */
	CONTENT_ID_MISMATCH,

	/** No policy of the given policy_name. */
	POLICY_UNKNOWN,

	/** The policy (stored with overrides, or overrides alone) is invalid. */
	INVALID_POLICY,

	/** No content, or no key for the requested tracks or key ids. */
	CONTENT_KEY_UNKNOWN,

	/** The device's security level is below every requested track's requirement. */
	INSUFFICIENT_SECURITY_LEVEL,

	/** The message names another provider than the caller's. */
	ACCESS_DENIED,

	/**
	 * The challenge asks for a license bound to a device group the device is not a member
	 * of (or that does not exist).
	 */
	NOT_A_GROUP_MEMBER,

	/** The renewed or released license is unknown, or not this device's. */
	LICENSE_UNKNOWN,

	/**
	 * The license's policy does not allow renewal, or the session token does not match.
	 */
	RENEWAL_NOT_ALLOWED,

	/**
	 * The provider does not admit this device: its root (the built-in Device CA or a
	 * manufacturer root) or its security level is refused by the provider's device
	 * admission settings.
	 */
	DEVICE_NOT_ADMITTED,

	/**
	 * The provider is disabled: it issues no license until an ADMIN enables it again.
	 */
	PROVIDER_DISABLED

}
