package io.voucher.client;

/**
 * The state of a stored voucher, as {@link DrmManager#listVouchers()} reports it.
 */
public enum VoucherState {

	/** It may play now (on an output meeting its requirements). */
	PLAYABLE,

	/** Not valid yet. */
	NOT_YET_VALID,

	/** Expired: license duration or expiry, rental window or viewing window over. */
	EXPIRED,

	/** Must be renewed before it may play again. */
	RENEWAL_REQUIRED,

	/** Its policy does not allow playback. */
	NOT_PLAYABLE,

	/**
	 * Bound to another device or group generation, or to a group without a credential
	 * here.
	 */
	UNUSABLE_ON_THIS_DEVICE,

	/**
	 * Refused outright: tampered, foreign signer, malformed, or the device is revoked.
	 */
	INVALID;

	/**
	 * The state a refusal puts a voucher in.
	 * @param error the refusal
	 * @return the state
	 */
	public static VoucherState of(DrmError error) {
		return switch (error) {
			case LICENSE_NOT_YET_VALID -> NOT_YET_VALID;
			case LICENSE_EXPIRED, RENTAL_EXPIRED, PLAYBACK_DURATION_EXPIRED -> EXPIRED;
			case RENEWAL_REQUIRED -> RENEWAL_REQUIRED;
			case PLAYBACK_NOT_ALLOWED -> NOT_PLAYABLE;
			case LICENSE_BOUND_TO_ANOTHER_DEVICE, LICENSE_BOUND_TO_ANOTHER_GROUP, GROUP_GENERATION_TOO_OLD,
					GROUP_CREDENTIAL_INVALID, LICENSE_KEYS_UNREADABLE, NOT_INDIVIDUALIZED ->
				UNUSABLE_ON_THIS_DEVICE;
			default -> INVALID;
		};
	}

}
