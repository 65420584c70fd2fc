package io.voucher.crypto.voucher;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the server issues a voucher from: the license terms and the content keys. Built
 * with {@link #builder()}, whose {@link Builder#build()} refuses invalid specs.
 *
 * @param terms the public terms
 * @param contentKeys the content keys, in the order of {@code terms.keys()}
 */
public record LicenseSpec(LicenseTerms terms, List<ContentKey> contentKeys) {

	public LicenseSpec {
		contentKeys = List.copyOf(contentKeys);
		List<KeyGrant> grants = contentKeys.stream().map(ContentKey::grant).toList();
		if (!grants.equals(terms.keys())) {
			throw new IllegalArgumentException("content keys must match the terms' key entries");
		}
	}

	/**
	 * A builder.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds a license spec.
	 */
	public static final class Builder {

		private @Nullable String licenseId;

		private @Nullable String contentId;

		private @Nullable String provider;

		private @Nullable Instant issuedAt;

		private @Nullable Instant notBefore;

		private @Nullable Instant expiresAt;

		private LicenseType licenseType = LicenseType.STREAMING;

		private @Nullable Binding binding;

		private LicensePolicy policy = LicensePolicy.builder().build();

		private final Map<String, String> sessionTokens = new LinkedHashMap<>();

		private final List<ContentKey> keys = new ArrayList<>();

		private Builder() {
		}

		public Builder licenseId(String licenseId) {
			this.licenseId = licenseId;
			return this;
		}

		public Builder contentId(String contentId) {
			this.contentId = contentId;
			return this;
		}

		public Builder provider(String provider) {
			this.provider = provider;
			return this;
		}

		public Builder issuedAt(Instant issuedAt) {
			this.issuedAt = issuedAt;
			return this;
		}

		/**
		 * Start of validity; defaults to the issue time.
		 * @param notBefore the start
		 * @return this builder
		 */
		public Builder notBefore(Instant notBefore) {
			this.notBefore = notBefore;
			return this;
		}

		public Builder expiresAt(Instant expiresAt) {
			this.expiresAt = expiresAt;
			return this;
		}

		public Builder licenseType(LicenseType licenseType) {
			this.licenseType = licenseType;
			return this;
		}

		public Builder binding(Binding binding) {
			this.binding = binding;
			return this;
		}

		public Builder policy(LicensePolicy policy) {
			this.policy = policy;
			return this;
		}

		public Builder sessionToken(String name, String value) {
			this.sessionTokens.put(name, value);
			return this;
		}

		public Builder sessionTokens(Map<String, String> tokens) {
			this.sessionTokens.putAll(tokens);
			return this;
		}

		public Builder key(ContentKey key) {
			this.keys.add(key);
			return this;
		}

		public Builder keys(List<ContentKey> keys) {
			this.keys.addAll(keys);
			return this;
		}

		/**
		 * Builds the spec (times are truncated to seconds, as JWT carries them).
		 * @return the spec
		 * @throws IllegalArgumentException when a required field is missing or invalid
		 */
		public LicenseSpec build() {
			if (this.licenseId == null || this.contentId == null || this.provider == null || this.issuedAt == null
					|| this.expiresAt == null || this.binding == null) {
				throw new IllegalArgumentException(
						"license id, content id, provider, issue time, expiry and binding are required");
			}
			Instant issued = seconds(this.issuedAt);
			Instant start = seconds((this.notBefore != null) ? this.notBefore : this.issuedAt);
			LicenseTerms terms = new LicenseTerms(this.licenseId, this.contentId, this.provider, issued, start,
					seconds(this.expiresAt), this.licenseType, this.binding, this.policy, this.sessionTokens,
					this.keys.stream().map(ContentKey::grant).toList());
			return new LicenseSpec(terms, this.keys);
		}

		private static Instant seconds(Instant instant) {
			return Instant.ofEpochSecond(instant.getEpochSecond());
		}

	}

}
