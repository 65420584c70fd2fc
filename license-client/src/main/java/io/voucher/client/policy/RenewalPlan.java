package io.voucher.client.policy;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * When a license must be renewed, following its policy's {@code renewal_delay_seconds},
 * {@code renewal_retry_interval_seconds}, {@code renewal_recovery_duration_seconds} and
 * {@code renew_with_usage}.
 *
 * @param renewable whether the license can be renewed at all ({@code can_renew})
 * @param dueAt when the next renewal is due, or {@code null} (not renewable, or
 * {@code renew_with_usage} and not played yet)
 * @param nextAttemptAt when to try next: {@code dueAt}, or after a failure the failure
 * plus the retry interval; {@code null} when nothing is due
 * @param recoveryDeadline until when playback may go on while renewal fails, or
 * {@code null} for no limit
 * @param renewalServerUrl where the policy says renewals go, or {@code null}
 */
public record RenewalPlan(boolean renewable, @Nullable Instant dueAt, @Nullable Instant nextAttemptAt,
		@Nullable Instant recoveryDeadline, @Nullable String renewalServerUrl) {

	/** The plan of a license that cannot be renewed. */
	public static final RenewalPlan NOT_RENEWABLE = new RenewalPlan(false, null, null, null, null);

	/**
	 * Whether an attempt should be made now.
	 * @param now the device time
	 * @return whether to renew now
	 */
	public boolean attemptDue(Instant now) {
		return this.nextAttemptAt != null && !now.isBefore(this.nextAttemptAt);
	}

}
