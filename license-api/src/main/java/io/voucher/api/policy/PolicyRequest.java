package io.voucher.api.policy;

import io.swagger.v3.oas.annotations.media.Schema;
import io.voucher.domain.policy.PolicyOverrides;
import org.jspecify.annotations.Nullable;

/**
 * A named policy as sent by a provider: the license template's {@code policy_overrides}
 * fields; an omitted field takes the template's default (false, or 0 = unlimited).
 */
@Schema(name = "PolicyRequest", description = "A named policy: the license template's policy fields. "
		+ "Omitted fields take the template's defaults (false, or 0 for unlimited).")
public record PolicyRequest(
		@Schema(description = "Name, unique per provider; required when creating, and if given when "
				+ "replacing it must equal the path's name", example = "rental-48h") @Nullable String name,
		@Schema(description = "Playback is allowed", defaultValue = "false") @Nullable Boolean canPlay,
		@Schema(description = "The license may be stored for offline use",
				defaultValue = "false") @Nullable Boolean canPersist,
		@Schema(description = "The license may be renewed (heartbeat)",
				defaultValue = "false") @Nullable Boolean canRenew,
		@Schema(description = "License validity in seconds; 0 is unlimited", defaultValue = "0",
				minimum = "0") @Nullable Long licenseDurationSeconds,
		@Schema(description = "Seconds in which playback may start; 0 is unlimited", defaultValue = "0",
				minimum = "0") @Nullable Long rentalDurationSeconds,
		@Schema(description = "Viewing window in seconds after playback starts; 0 is unlimited", defaultValue = "0",
				minimum = "0") @Nullable Long playbackDurationSeconds,
		@Schema(description = "Where renewals go (only with can_renew)",
				example = "https://license.example/renew") @Nullable String renewalServerUrl,
		@Schema(description = "Seconds after license start before the first renewal (only with can_renew)",
				defaultValue = "0", minimum = "0") @Nullable Long renewalDelaySeconds,
		@Schema(description = "Seconds between failed renewal attempts (only with can_renew)", defaultValue = "0",
				minimum = "0") @Nullable Long renewalRetryIntervalSeconds,
		@Schema(description = "Seconds playback may continue while renewal fails; 0 is unlimited (only with "
				+ "can_renew)", defaultValue = "0", minimum = "0") @Nullable Long renewalRecoveryDurationSeconds,
		@Schema(description = "Send the license for renewal when usage starts (only with can_renew)",
				defaultValue = "false") @Nullable Boolean renewWithUsage) {

	PolicyOverrides overrides() {
		return new PolicyOverrides(this.canPlay, this.canPersist, this.canRenew, this.licenseDurationSeconds,
				this.rentalDurationSeconds, this.playbackDurationSeconds, this.renewalServerUrl,
				this.renewalDelaySeconds, this.renewalRetryIntervalSeconds, this.renewalRecoveryDurationSeconds,
				this.renewWithUsage);
	}

}
