package io.voucher.api.license;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import io.voucher.domain.policy.PolicyOverrides;
import org.jspecify.annotations.Nullable;

/**
 * The license message, field for field the Widevine license template.
 *
 * @param payload the device's license challenge (a compact JWS, or its base64)
 * @param contentId base64 of the content id's bytes; must match the challenge's
 * @param provider the provider's name; must be the caller's own
 * @param policyName a stored policy's name
 * @param allowedTrackTypes which tracks' keys to include; exclusive with contentKeySpecs
 * @param contentKeySpecs finer control per track; exclusive with allowedTrackTypes
 * @param usePolicyOverridesExclusively ignore the stored policy, use overrides alone
 * @param policyOverrides policy fields for this license
 * @param sessionInit session and client tokens
 * @param parseOnly read the challenge and answer what it says; issue nothing
 */
@Schema(name = "LicenseMessage",
		description = "The license message, field for field the Widevine license template. `{}` with a payload and "
				+ "provider takes every default.")
public record LicenseMessage(
		@Schema(description = "The device's license challenge: a compact JWS (or its base64)",
				requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String payload,
		@Schema(description = "Base64 of the content id's bytes; when absent the challenge's content id is used",
				example = "bW92aWUtMQ==") @Nullable String contentId,
		@Schema(description = "The provider's name", example = "acme",
				requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String provider,
		@Schema(description = "A stored policy's name", example = "rental-48h") @Nullable String policyName,
		@Schema(description = "Which tracks' keys to include (default SD_ONLY); not with content_key_specs") @Nullable AllowedTrackTypes allowedTrackTypes,
		@Schema(description = "Per-track control; every track to include must be listed; not with "
				+ "allowed_track_types") @Nullable List<ContentKeySpec> contentKeySpecs,
		@Schema(description = "Use policy_overrides alone, ignoring the stored policy",
				defaultValue = "false") @Nullable Boolean usePolicyOverridesExclusively,
		@Schema(description = "Policy fields for this license") @Nullable PolicyOverridesMessage policyOverrides,
		@Schema(description = "Session and client tokens") @Nullable SessionInit sessionInit,
		@Schema(description = "Read the challenge and answer what it says; issue nothing",
				defaultValue = "false") @Nullable Boolean parseOnly) {

	@Override
	public String toString() {
		return "LicenseMessage[provider=" + this.provider + ", policyName=" + this.policyName + "]";
	}

	/**
	 * One track's key specification.
	 *
	 * @param trackType the track (AUDIO, SD, HD, UHD1, UHD2)
	 * @param securityLevel the device security level required for this key (1-5)
	 * @param requiredOutputProtection the output protection required for this key
	 * @param key a key to inject for this track (base64, 16 bytes)
	 * @param keyId the key's id (base64, 16 bytes)
	 */
	@Schema(name = "LicenseContentKeySpec")
	public record ContentKeySpec(
			@Schema(description = "AUDIO, SD, HD, UHD1 or UHD2", example = "HD") @Nullable String trackType,
			@Schema(description = "Device security level required for this key", minimum = "1", maximum = "5",
					example = "1") @Nullable Integer securityLevel,
			@Schema(description = "Output protection required for this key") @Nullable OutputProtection requiredOutputProtection,
			@Schema(description = "Content key to inject, base64 of 16 bytes") @Nullable String key,
			@Schema(description = "Key id, base64 of 16 bytes") @Nullable String keyId) {

		@Override
		public String toString() {
			return "ContentKeySpec[" + this.trackType + "]";
		}

	}

	/**
	 * Required output protection.
	 *
	 * @param hdcp HDCP_NONE, HDCP_V1 or HDCP_V2
	 */
	@Schema(name = "OutputProtection")
	public record OutputProtection(
			@Schema(description = "HDCP_NONE, HDCP_V1 or HDCP_V2", example = "HDCP_NONE") @Nullable String hdcp) {
	}

	/**
	 * The template's session_init.
	 *
	 * @param providerSessionToken goes into the license and comes back in renewals
	 * (base64)
	 * @param providerClientToken returned in the response; the request's own client token
	 * wins unless overrideProviderClientToken
	 * @param overrideProviderClientToken always use providerClientToken
	 */
	@Schema(name = "SessionInit")
	public record SessionInit(
			@Schema(description = "Put in the license; renewals must present it") @Nullable String providerSessionToken,
			@Schema(description = "Returned in the response and put in the license, unless the challenge carries "
					+ "its own client token") @Nullable String providerClientToken,
			@Schema(description = "Always use provider_client_token, even when the challenge carries a client "
					+ "token", defaultValue = "false") @Nullable Boolean overrideProviderClientToken) {
	}

	/**
	 * The template's policy_overrides.
	 */
	@Schema(name = "PolicyOverrides")
	public record PolicyOverridesMessage(@Schema(
			description = "Playback is allowed; absent: as the stored policy (false without one)") @Nullable Boolean canPlay,
			@Schema(description = "The license may be stored for offline use; absent: as the stored policy "
					+ "(false without one)") @Nullable Boolean canPersist,
			@Schema(description = "The license may be renewed; absent: as the stored policy (false without one)") @Nullable Boolean canRenew,
			@Schema(description = "License validity in seconds; 0 is unlimited",
					minimum = "0") @Nullable Long licenseDurationSeconds,
			@Schema(description = "Seconds in which playback may start; 0 is unlimited",
					minimum = "0") @Nullable Long rentalDurationSeconds,
			@Schema(description = "Viewing window after playback starts; 0 is unlimited",
					minimum = "0") @Nullable Long playbackDurationSeconds,
			@Schema(description = "Where renewals go (only with can_renew)") @Nullable String renewalServerUrl,
			@Schema(description = "Seconds before the first renewal (only with can_renew)",
					minimum = "0") @Nullable Long renewalDelaySeconds,
			@Schema(description = "Seconds between failed renewal attempts (only with can_renew)",
					minimum = "0") @Nullable Long renewalRetryIntervalSeconds,
			@Schema(description = "Seconds playback may continue while renewal fails; 0 is unlimited",
					minimum = "0") @Nullable Long renewalRecoveryDurationSeconds,
			@Schema(description = "Renewal starts with usage (only with can_renew); absent: as the stored policy "
					+ "(false without one)") @Nullable Boolean renewWithUsage) {

		public PolicyOverrides toOverrides() {
			return new PolicyOverrides(this.canPlay, this.canPersist, this.canRenew, this.licenseDurationSeconds,
					this.rentalDurationSeconds, this.playbackDurationSeconds, this.renewalServerUrl,
					this.renewalDelaySeconds, this.renewalRetryIntervalSeconds, this.renewalRecoveryDurationSeconds,
					this.renewWithUsage);
		}

	}

}
