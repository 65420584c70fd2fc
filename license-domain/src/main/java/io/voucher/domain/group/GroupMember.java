package io.voucher.domain.group;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A device's membership of a group.
 *
 * @param fingerprint the device certificate's fingerprint
 * @param certificateChainPem the device certificate chain, PEM
 * @param joinedAt when it joined
 * @param leftAt when it left, or {@code null} while a member
 * @param leaveReason why it left, or {@code null}
 */
public record GroupMember(String fingerprint, String certificateChainPem, Instant joinedAt, @Nullable Instant leftAt,
		@Nullable LeaveReason leaveReason) {

	/**
	 * Why a device is no longer a member.
	 */
	public enum LeaveReason {

		/** It left, by its own signed request. */
		LEFT,
		/** The provider removed it. */
		REMOVED,
		/** Its certificate was revoked. */
		REVOKED,
		/** It was factory reset (its registration superseded). */
		RESET,
		/** The group was deleted. */
		GROUP_DELETED

	}

}
