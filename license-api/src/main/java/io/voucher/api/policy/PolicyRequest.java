package io.voucher.api.policy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.media.Schema;
import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.SecurityLevel;
import io.voucher.crypto.voucher.TrackType;
import io.voucher.domain.policy.InvalidPolicyException;
import io.voucher.domain.policy.PolicyViolation;
import io.voucher.domain.policy.TrackRequirement;
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
				defaultValue = "false") @Nullable Boolean renewWithUsage,
		@Schema(description = "Per-track requirements: the minimum device security level and the output "
				+ "protection for that track's key; tracks not listed require nothing") @Nullable List<TrackSpec> contentKeySpecs) {

	/**
	 * One track's requirements, in the license template's content_key_specs shape.
	 *
	 * @param trackType the track
	 * @param securityLevel the minimum device security level, 1 to 5
	 * @param requiredOutputProtection the output protection the device must enforce
	 */
	@Schema(name = "PolicyTrackSpec")
	public record TrackSpec(@Nullable TrackType trackType,
			@Schema(minimum = "1", maximum = "5", example = "3") @Nullable Integer securityLevel,
			@Nullable OutputProtection requiredOutputProtection) {
	}

	/**
	 * Required output protection.
	 *
	 * @param hdcp the HDCP version required
	 */
	@Schema(name = "PolicyOutputProtection")
	public record OutputProtection(@Nullable HdcpVersion hdcp) {
	}

	Map<TrackType, TrackRequirement> trackRequirements() {
		if (this.contentKeySpecs == null) {
			return Map.of();
		}
		Map<TrackType, TrackRequirement> requirements = new EnumMap<>(TrackType.class);
		List<PolicyViolation> violations = new ArrayList<>();
		for (int i = 0; i < this.contentKeySpecs.size(); i++) {
			TrackSpec spec = this.contentKeySpecs.get(i);
			String field = "content_key_specs[" + i + "]";
			if (spec.trackType() == null) {
				violations.add(new PolicyViolation(field + ".track_type", "is required"));
				continue;
			}
			int level = (spec.securityLevel() != null) ? spec.securityLevel() : SecurityLevel.MIN;
			if (level < SecurityLevel.MIN || level > SecurityLevel.MAX) {
				violations.add(new PolicyViolation(field + ".security_level", "must be 1 to 5"));
				continue;
			}
			HdcpVersion hdcp = (spec.requiredOutputProtection() != null
					&& spec.requiredOutputProtection().hdcp() != null) ? spec.requiredOutputProtection().hdcp()
							: HdcpVersion.HDCP_NONE;
			if (requirements.put(spec.trackType(), new TrackRequirement(SecurityLevel.of(level), hdcp)) != null) {
				violations.add(new PolicyViolation(field + ".track_type", "names " + spec.trackType() + " twice"));
			}
		}
		if (!violations.isEmpty()) {
			throw new InvalidPolicyException(violations);
		}
		return requirements;
	}

	PolicyOverrides overrides() {
		return new PolicyOverrides(this.canPlay, this.canPersist, this.canRenew, this.licenseDurationSeconds,
				this.rentalDurationSeconds, this.playbackDurationSeconds, this.renewalServerUrl,
				this.renewalDelaySeconds, this.renewalRetryIntervalSeconds, this.renewalRecoveryDurationSeconds,
				this.renewWithUsage);
	}

}
