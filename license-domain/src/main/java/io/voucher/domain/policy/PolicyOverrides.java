package io.voucher.domain.policy;

import org.jspecify.annotations.Nullable;

/**
 * The license template's {@code policy_overrides}: every field optional. A {@code null}
 * field leaves the underlying value as it is.
 *
 * @param canPlay whether playback is allowed
 * @param canPersist whether the license may be kept in non-volatile storage for offline
 * use
 * @param canRenew whether the license may be renewed (heartbeat)
 * @param licenseDurationSeconds how long the license is valid; 0 is unlimited
 * @param rentalDurationSeconds how long playback may start; 0 is unlimited
 * @param playbackDurationSeconds viewing window after playback starts; 0 is unlimited
 * @param renewalServerUrl where renewal requests go (only with can_renew)
 * @param renewalDelaySeconds seconds after license start before the first renewal
 * @param renewalRetryIntervalSeconds delay between failed renewal attempts
 * @param renewalRecoveryDurationSeconds how long playback may go on while renewal fails;
 * 0 is unlimited
 * @param renewWithUsage whether the license is sent for renewal when usage starts
 */
public record PolicyOverrides(@Nullable Boolean canPlay, @Nullable Boolean canPersist, @Nullable Boolean canRenew,
		@Nullable Long licenseDurationSeconds, @Nullable Long rentalDurationSeconds,
		@Nullable Long playbackDurationSeconds, @Nullable String renewalServerUrl, @Nullable Long renewalDelaySeconds,
		@Nullable Long renewalRetryIntervalSeconds, @Nullable Long renewalRecoveryDurationSeconds,
		@Nullable Boolean renewWithUsage) {

	/** No override at all. */
	public static final PolicyOverrides NONE = new PolicyOverrides(null, null, null, null, null, null, null, null, null,
			null, null);

}
