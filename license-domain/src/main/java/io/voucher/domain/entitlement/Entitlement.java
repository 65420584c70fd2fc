package io.voucher.domain.entitlement;

import java.time.Instant;
import java.util.UUID;

import io.voucher.crypto.voucher.LicenseType;
import io.voucher.domain.content.ContentId;
import io.voucher.domain.policy.PolicyOverrides;
import org.jspecify.annotations.Nullable;

/**
 * A grant of one content to one generated ID, or to one device group, under a policy.
 *
 * @param id the entitlement's id
 * @param providerId the granting provider
 * @param generatedId the device's generated ID, or {@code null} for a group's entitlement
 * @param groupId the device group's public id, or {@code null} for a generated ID's
 * @param contentId the content
 * @param policyName the stored policy, if any
 * @param overrides overrides applied over the stored policy (or alone)
 * @param overridesExclusively whether the overrides apply alone, over the template's
 * defaults
 * @param licenseType the type of the licenses issued for it
 * @param createdAt when it was granted
 * @param withdrawnAt when it was withdrawn, or {@code null} while live
 */
public record Entitlement(UUID id, UUID providerId, @Nullable String generatedId, @Nullable String groupId,
		ContentId contentId, @Nullable String policyName, PolicyOverrides overrides, boolean overridesExclusively,
		LicenseType licenseType, Instant createdAt, @Nullable Instant withdrawnAt) {

	/**
	 * Tells whether the entitlement is live.
	 * @return whether it has not been withdrawn
	 */
	public boolean live() {
		return this.withdrawnAt == null;
	}

}
