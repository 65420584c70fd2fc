package io.voucher.domain.license.plan;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.voucher.crypto.voucher.ContentKey;
import io.voucher.crypto.voucher.LicenseSpec;
import io.voucher.crypto.voucher.LicenseType;
import io.voucher.domain.policy.PlaybackPolicy;

/**
 * The license the planner decided: its resolved policy, its keys (sorted by track type,
 * each with the level and HDCP its grant requires) and its recipient. What varies from
 * one issue to the next (license id, issue time, session tokens) is given when the spec
 * is made.
 *
 * @param settings the resolved policy
 * @param keys the keys to put in the license
 * @param target who the license is for
 */
public record LicensePlan(PlaybackPolicy settings, List<ContentKey> keys, LicenseTarget target) {

	public LicensePlan {
		keys = List.copyOf(keys);
	}

	/**
	 * When a license issued at {@code now} expires: after the policy's license duration,
	 * or {@link PlaybackPolicy#MAX_DURATION_SECONDS} when that is unlimited.
	 * @param now the issue time
	 * @return the expiry
	 */
	public Instant expiresAt(Instant now) {
		return now.plus(this.settings.licenseDuration());
	}

	/**
	 * The spec to sign.
	 * @param licenseId the license id
	 * @param contentId the content id
	 * @param provider the provider's name
	 * @param licenseType the license type
	 * @param now the issue time
	 * @param sessionTokens the session tokens to carry (online only)
	 * @return the spec
	 */
	public LicenseSpec toSpec(String licenseId, String contentId, String provider, LicenseType licenseType, Instant now,
			Map<String, String> sessionTokens) {
		return LicenseSpec.builder()
			.licenseId(licenseId)
			.contentId(contentId)
			.provider(provider)
			.issuedAt(now)
			.expiresAt(expiresAt(now))
			.licenseType(licenseType)
			.binding(this.target.binding())
			.policy(this.settings.toLicensePolicy())
			.sessionTokens(sessionTokens)
			.keys(this.keys)
			.build();
	}

	@Override
	public String toString() {
		return "LicensePlan[" + this.settings + ", " + this.keys.stream().map(ContentKey::grant).toList() + ", "
				+ this.target + "]";
	}

}
