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
public record LicenseResponse(LicenseStatus status, String statusMessage,
		@Schema(description = "Base64 of the license, a compact JWS") @Nullable String license,
		@Nullable LicenseMetadata licenseMetadata, @Nullable List<SupportedTrack> supportedTracks,
		@Nullable SessionState sessionState, @Nullable String make, @Nullable String model,
		@Nullable Integer securityLevel, @Nullable String providerClientToken,
		@Nullable ParsedChallenge parsedChallenge, @Nullable String internalStatus) {

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
	public record LicenseMetadata(String contentId, String licenseType, String requestType) {
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
	public record SupportedTrack(String type, String keyId, int securityLevel, String requiredHdcp) {
	}

	/**
	 * The license's identity across renewals.
	 *
	 * @param licenseId the license id
	 * @param licenseCounter 1 for a new license, then one more per renewal
	 */
	@Schema(name = "SessionState")
	public record SessionState(String licenseId, int licenseCounter) {
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
	public record ParsedChallenge(String deviceFingerprint, String contentId, List<String> keyIds, String licenseType,
			String requestType, @Nullable String licenseId) {
	}

}
