package io.voucher.client;

import java.util.Locale;

/**
 * The device SDK's error codes: a closed, stable set, like Primetime's DRM error codes.
 * Each has a number that never changes meaning (1xxx device store, 2xxx platform and
 * network, 3xxx licenses, 4xxx playback policy, 5xxx device groups, 6xxx device state)
 * and a name; apps branch on them, support reads them in logs.
 */
public enum DrmError {

	/** The store password does not open the device store. */
	STORE_WRONG_PASSWORD(1001, false),

	/** A store file is damaged (truncated, altered): nothing is read from it. */
	STORE_CORRUPT(1002, false),

	/** A store file is not a Voucher device store, or belongs to another store. */
	STORE_FOREIGN(1003, false),

	/** A store file cannot be read or written (permissions, disk full…). */
	STORE_IO(1004, true),

	/** The platform cannot be reached, or answered something that is not its API. */
	PLATFORM_UNREACHABLE(2001, true),

	/** The platform refused the request as invalid (a problem document with its code). */
	PLATFORM_REFUSED(2002, false),

	/** The generated ID is registered with another device certificate. */
	REGISTRATION_CONFLICT(2003, false),

	/** The registration ended (superseded after a factory reset, or revoked). */
	REGISTRATION_GONE(2004, false),

	/** The generated ID is not registered. */
	REGISTRATION_NOT_FOUND(2005, false),

	/** This device's certificate is revoked. */
	DEVICE_REVOKED(2006, false),

	/** The provider's license proxy refused to issue a license. */
	LICENSE_REQUEST_DENIED(2007, false),

	/**
	 * The license is bound to another device: typically one issued before a DRM reset.
	 */
	LICENSE_BOUND_TO_ANOTHER_DEVICE(3001, false),

	/** The license is past its expiry. */
	LICENSE_EXPIRED(3002, false),

	/** The license is not valid yet. */
	LICENSE_NOT_YET_VALID(3003, true),

	/** The license's signature does not verify: it was altered. */
	LICENSE_SIGNATURE_INVALID(3004, false),

	/** The license is not signed by a key chaining to the pinned license root. */
	LICENSE_UNTRUSTED_SIGNER(3005, false),

	/** Not a license, or one this SDK cannot read. */
	LICENSE_MALFORMED(3006, false),

	/** The license's key block cannot be opened with this device's or group's key. */
	LICENSE_KEYS_UNREADABLE(3007, false),

	/** No stored license for the content or license id. */
	LICENSE_NOT_FOUND(3008, false),

	/** The license is bound to a group this device has no credential for. */
	LICENSE_BOUND_TO_ANOTHER_GROUP(3009, false),

	/** The license's policy does not allow playback ({@code can_play} false). */
	PLAYBACK_NOT_ALLOWED(4001, false),

	/** The rental window ({@code rental_duration_seconds} from license start) is over. */
	RENTAL_EXPIRED(4002, false),

	/** The viewing window ({@code playback_duration_seconds} from first play) is over. */
	PLAYBACK_DURATION_EXPIRED(4003, false),

	/** The license must be renewed, and the renewal recovery window is over. */
	RENEWAL_REQUIRED(4004, true),

	/** The device's output does not offer the HDCP version the keys require. */
	OUTPUT_PROTECTION_UNMET(4005, true),

	/** The device's security level is below what every key requires. */
	SECURITY_LEVEL_TOO_LOW(4006, false),

	/** The license cannot be renewed ({@code can_renew} false, or no renewal proxy). */
	RENEWAL_NOT_ALLOWED(4007, false),

	/** The group credential names an older key generation than the license. */
	GROUP_GENERATION_TOO_OLD(5001, true),

	/**
	 * The group credential is not valid (tampered, foreign, expired, another device's).
	 */
	GROUP_CREDENTIAL_INVALID(5002, false),

	/** This device is not a member of the group. */
	GROUP_MEMBERSHIP_REQUIRED(5003, false),

	/** The group has its maximum number of members. */
	GROUP_FULL(5004, false),

	/** The join token is unknown, used or expired. */
	GROUP_JOIN_TOKEN_REJECTED(5005, false),

	/** The device has no certificate yet (or not since its DRM reset): individualize. */
	NOT_INDIVIDUALIZED(6001, false),

	/** The device already has a certificate: reset DRM first to get a new one. */
	ALREADY_INDIVIDUALIZED(6002, false),

	/** No generated ID is registered on this device. */
	NOT_REGISTERED(6003, false),

	/** The external media tool (ffmpeg) is absent or failed. */
	MEDIA_TOOL_FAILED(6004, false),

	/**
	 * An argument is invalid: a bad option value or command line of the device CLI, a
	 * value the SDK cannot take.
	 */
	INVALID_ARGUMENT(6005, false);

	private final int code;

	private final boolean retryable;

	DrmError(int code, boolean retryable) {
		this.code = code;
		this.retryable = retryable;
	}

	/**
	 * The stable number of this error.
	 * @return the number
	 */
	public int code() {
		return this.code;
	}

	/**
	 * Whether the same call may succeed later without the app changing anything (the
	 * network comes back, the clock reaches not-before, a credential is refreshed).
	 * @return whether to retry
	 */
	public boolean retryable() {
		return this.retryable;
	}

	/**
	 * The stable text code, such as {@code license_expired}.
	 * @return the text code
	 */
	public String textCode() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The error with a number.
	 * @param code the number
	 * @return the error
	 * @throws IllegalArgumentException for an unknown number
	 */
	public static DrmError ofCode(int code) {
		for (DrmError error : values()) {
			if (error.code == code) {
				return error;
			}
		}
		throw new IllegalArgumentException("unknown DRM error code " + code);
	}

}
