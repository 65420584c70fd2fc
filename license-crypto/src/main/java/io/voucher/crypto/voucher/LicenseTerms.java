package io.voucher.crypto.voucher;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The public terms of a license: everything a voucher says except the content keys
 * themselves.
 *
 * @param licenseId the license id
 * @param contentId the content id
 * @param provider the content provider
 * @param issuedAt when issued
 * @param notBefore start of validity
 * @param expiresAt end of validity
 * @param licenseType STREAMING or OFFLINE
 * @param binding the device or group the license is bound to
 * @param policy the resolved policy
 * @param sessionTokens session values echoed to the client (e.g. {@code session_id},
 * {@code purchase_id})
 * @param keys one entry per content key
 */
public record LicenseTerms(String licenseId, String contentId, String provider, Instant issuedAt, Instant notBefore,
		Instant expiresAt, LicenseType licenseType, Binding binding, LicensePolicy policy,
		Map<String, String> sessionTokens, List<KeyGrant> keys) {

	public LicenseTerms {
		Objects.requireNonNull(issuedAt, "issuedAt");
		Objects.requireNonNull(notBefore, "notBefore");
		Objects.requireNonNull(expiresAt, "expiresAt");
		Objects.requireNonNull(licenseType, "licenseType");
		Objects.requireNonNull(binding, "binding");
		Objects.requireNonNull(policy, "policy");
		if (licenseId.isBlank() || licenseId.length() > 128) {
			throw new IllegalArgumentException("license id must be 1 to 128 characters");
		}
		if (contentId.isBlank() || provider.isBlank()) {
			throw new IllegalArgumentException("content id and provider are required");
		}
		if (!expiresAt.isAfter(notBefore)) {
			throw new IllegalArgumentException("expiry must be after not-before");
		}
		sessionTokens = Map.copyOf(sessionTokens);
		keys = List.copyOf(keys);
		if (keys.isEmpty()) {
			throw new IllegalArgumentException("a license carries at least one key");
		}
		if (keys.stream().map(KeyGrant::keyId).distinct().count() != keys.size()) {
			throw new IllegalArgumentException("key ids must be unique in a license");
		}
	}

}
