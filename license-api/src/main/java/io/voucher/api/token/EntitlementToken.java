package io.voucher.api.token;

import java.time.Instant;
import java.util.List;

import io.voucher.api.license.AllowedTrackTypes;
import io.voucher.api.license.LicenseMessage;
import io.voucher.api.license.LicenseMessage.PolicyOverridesMessage;
import io.voucher.api.security.ProviderPrincipal;
import org.jspecify.annotations.Nullable;

/**
 * A verified entitlement token: signed by one of the provider's keys, for this server,
 * within its lifetime. What it grants is the license message a proxy would have sent.
 *
 * @param provider the issuing provider ({@code iss})
 * @param kid the key that signed it
 * @param jti its single-use id
 * @param expiresAt its {@code exp}
 * @param deviceFingerprint the device it is for ({@code sub}), or {@code null} when it
 * names a generated ID or no device
 * @param generatedId the registered generated ID it is for ({@code gid}), or {@code null}
 * (neither: a token for a client without a Voucher device, such as a Clear Key browser)
 * @param contentIds the contents it grants ({@code content_ids} and {@code cid})
 * @param policyName a stored policy of the provider, or {@code null}
 * @param policyOverrides policy fields over the stored policy, or {@code null}
 * @param usePolicyOverridesExclusively whether the overrides apply alone
 * @param allowedTrackTypes which tracks' keys the license may carry, or {@code null} for
 * the default
 */
public record EntitlementToken(ProviderPrincipal provider, String kid, String jti, Instant expiresAt,
		@Nullable String deviceFingerprint, @Nullable String generatedId, List<String> contentIds,
		@Nullable String policyName, @Nullable PolicyOverridesMessage policyOverrides,
		@Nullable Boolean usePolicyOverridesExclusively, @Nullable AllowedTrackTypes allowedTrackTypes) {

	public EntitlementToken {
		contentIds = List.copyOf(contentIds);
	}

	/**
	 * Whether the token names a device, by fingerprint or generated ID.
	 * @return whether it is bound to a device
	 */
	public boolean namesDevice() {
		return this.deviceFingerprint != null || this.generatedId != null;
	}

	/**
	 * The license message this token stands for, with the device's challenge as payload.
	 * @param challenge the device's challenge, or {@code null} for a client that sends
	 * none
	 * @return the message
	 */
	public LicenseMessage toLicenseMessage(@Nullable String challenge) {
		return new LicenseMessage(challenge, null, this.provider.providerName(), this.policyName,
				this.allowedTrackTypes, null, this.usePolicyOverridesExclusively, this.policyOverrides, null, false);
	}

	@Override
	public String toString() {
		return "EntitlementToken[" + this.provider.providerName() + ", " + this.kid + "]";
	}

}
