package io.voucher.api.policy;

import java.time.Instant;

import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import io.voucher.api.policy.PolicyRequest.OutputProtection;
import io.voucher.api.policy.PolicyRequest.TrackSpec;
import io.voucher.domain.policy.PlaybackPolicy;
import io.voucher.domain.policy.Policy;
import org.jspecify.annotations.Nullable;

/**
 * A stored policy with every template field resolved.
 */
@Schema(name = "Policy", description = "A stored policy with every license template field.")
public record PolicyResponse(@Schema(example = "rental-48h") String name,
		@Schema(description = "Grows by one with every change") long revision, Instant createdAt, Instant updatedAt,
		boolean canPlay, boolean canPersist, boolean canRenew, long licenseDurationSeconds, long rentalDurationSeconds,
		long playbackDurationSeconds, @Nullable String renewalServerUrl, long renewalDelaySeconds,
		long renewalRetryIntervalSeconds, long renewalRecoveryDurationSeconds, boolean renewWithUsage,
		List<TrackSpec> contentKeySpecs) {

	static PolicyResponse of(Policy policy) {
		PlaybackPolicy settings = policy.settings();
		return new PolicyResponse(policy.name(), policy.revision(), policy.createdAt(), policy.updatedAt(),
				settings.canPlay(), settings.canPersist(), settings.canRenew(), settings.licenseDurationSeconds(),
				settings.rentalDurationSeconds(), settings.playbackDurationSeconds(),
				(settings.renewalServerUrl() != null) ? settings.renewalServerUrl().toString() : null,
				settings.renewalDelaySeconds(), settings.renewalRetryIntervalSeconds(),
				settings.renewalRecoveryDurationSeconds(), settings.renewWithUsage(),
				policy.trackRequirements()
					.entrySet()
					.stream()
					.sorted(Map.Entry.comparingByKey())
					.map((entry) -> new TrackSpec(entry.getKey(), entry.getValue().securityLevel().value(),
							new OutputProtection(entry.getValue().requiredHdcp())))
					.toList());
	}

}
