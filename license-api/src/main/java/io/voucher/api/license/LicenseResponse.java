package io.voucher.api.license;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import org.jspecify.annotations.Nullable;

/**
 * The license response. {@code status} is OK or a refusal code; {@code license} is
 * present only when a license was issued.
 *
 * @param status OK or the refusal code
 * @param statusMessage a human-readable explanation
 * @param license base64 of the license (a compact JWS)
 * @param licenseMetadata what the license is for
 * @param supportedTracks the tracks whose keys the license carries
 * @param sessionState the license id and counter
 * @param make the device's make
 * @param model the device's model
 * @param securityLevel the device's security level
 * @param providerClientToken the client token to keep, if any
 * @param parsedChallenge what the challenge says (parse_only)
 * @param internalStatus a finer reason for support, e.g. the crypto refusal code
 */
@Schema(name = "LicenseResponse")
public record LicenseResponse(
		@Schema(description = "OK, or the refusal code (see docs/license-message.md)") LicenseStatus status,
		@Schema(description = "What happened, for people") String statusMessage,
		@Schema(description = "Base64 of the license, a compact JWS; only when one was issued") @Nullable String license,
		@Schema(description = "What the license is for") @Nullable LicenseMetadata licenseMetadata,
		@Schema(description = "The keys the license carries") @Nullable List<SupportedTrack> supportedTracks,
		@Schema(description = "The license id and counter") @Nullable SessionState sessionState,
		@Schema(description = "The device's make, from its certificate") @Nullable String make,
		@Schema(description = "The device's model, from its certificate") @Nullable String model,
		@Schema(description = "The device's security level (1-5), from its certificate") @Nullable Integer securityLevel,
		@Schema(description = "The client token to keep: the challenge's own, or session_init's when it "
				+ "overrides") @Nullable String providerClientToken,
		@Schema(description = "What the challenge says (parse_only)") @Nullable ParsedChallenge parsedChallenge,
		@Schema(description = "A finer, stable reason for support, e.g. challenge.stale") @Nullable String internalStatus) {

	static LicenseResponse refused(LicenseStatus status, String message, @Nullable String internalStatus) {
		return new LicenseResponse(status, message, null, null, null, null, null, null, null, null, null,
				internalStatus);
	}

	@Override
	public String toString() {
		return "LicenseResponse[" + this.status + "]";
	}

	/**
	 * What a license is for.
	 *
	 * @param contentId base64 of the content id
	 * @param licenseType STREAMING or OFFLINE
	 * @param requestType NEW, RENEWAL or RELEASE
	 */
	@Schema(name = "LicenseMetadata")
	public record LicenseMetadata(@Schema(description = "Base64 of the content id") String contentId,
			@Schema(description = "STREAMING or OFFLINE") String licenseType,
			@Schema(description = "NEW, RENEWAL or RELEASE") String requestType) {
	}

	/**
	 * A track whose key the license carries.
	 *
	 * @param type the track type
	 * @param keyId the key id, base64
	 * @param securityLevel the security level required to use it
	 * @param requiredHdcp the output protection required to use it
	 */
	@Schema(name = "SupportedTrack")
	public record SupportedTrack(@Schema(description = "The track type") String type,
			@Schema(description = "The key id, base64") String keyId,
			@Schema(description = "The device security level required to use the key") int securityLevel,
			@Schema(description = "The output protection required to use the key") String requiredHdcp) {
	}

	/**
	 * The license's identity across renewals.
	 *
	 * @param licenseId the license id
	 * @param licenseCounter 1 for a new license, then one more per renewal
	 */
	@Schema(name = "SessionState")
	public record SessionState(@Schema(description = "The license id, the same across renewals") String licenseId,
			@Schema(description = "1 for a new license, one more per renewal or release") int licenseCounter) {
	}

	/**
	 * What a challenge says, for parse_only.
	 *
	 * @param deviceFingerprint the device certificate's fingerprint
	 * @param contentId the content id (plain)
	 * @param keyIds requested key ids, base64
	 * @param licenseType STREAMING or OFFLINE
	 * @param requestType NEW, RENEWAL or RELEASE
	 * @param licenseId the license renewed or released, if any
	 */
	@Schema(name = "ParsedChallenge")
	public record ParsedChallenge(
			@Schema(description = "base64url SHA-256 of the device certificate") String deviceFingerprint,
			@Schema(description = "The content id (plain)") String contentId,
			@Schema(description = "The key ids the device asks for, base64") List<String> keyIds,
			@Schema(description = "STREAMING or OFFLINE") String licenseType,
			@Schema(description = "NEW, RENEWAL or RELEASE") String requestType,
			@Schema(description = "The license renewed or released") @Nullable String licenseId) {
	}

}
