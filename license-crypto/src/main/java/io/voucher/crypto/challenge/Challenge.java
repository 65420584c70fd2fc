package io.voucher.crypto.challenge;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.voucher.crypto.internal.Claims;
import io.voucher.crypto.internal.KeySupport;
import io.voucher.crypto.pki.DeviceIdentity;
import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.LicenseType;
import org.jspecify.annotations.Nullable;

/**
 * What a device asks for in a license challenge. Built and signed on the device
 * ({@link #builder()}, {@link #signWith}); read on the server by
 * {@link ChallengeVerifier}.
 *
 * @param nonce the {@code jti}: a random single-use value
 * @param issuedAt the {@code iat}
 * @param contentId the {@code cid}
 * @param keyIds the requested key ids ({@code kids}); empty for all keys the policy
 * allows
 * @param licenseType STREAMING or OFFLINE
 * @param requestType NEW, RENEWAL or RELEASE
 * @param clientToken an optional opaque token of the client
 * @param sessionToken the session token (renewals)
 * @param licenseId the license renewed or released
 * @param groupId the device group the license is asked for (bound to the group instead of
 * the device), or {@code null}
 */
public record Challenge(String nonce, Instant issuedAt, String contentId, List<KeyId> keyIds, LicenseType licenseType,
		RequestType requestType, @Nullable String clientToken, @Nullable String sessionToken,
		@Nullable String licenseId, @Nullable String groupId) {

	/** The {@code typ} header of a challenge. */
	public static final String TYPE = "voucher-challenge+jwt";

	public Challenge {
		Objects.requireNonNull(issuedAt, "issuedAt");
		Objects.requireNonNull(licenseType, "licenseType");
		Objects.requireNonNull(requestType, "requestType");
		if (nonce.length() < 16 || nonce.length() > 128) {
			throw new IllegalArgumentException("the nonce must be 16 to 128 characters");
		}
		if (contentId.isBlank()) {
			throw new IllegalArgumentException("the content id must not be blank");
		}
		if (requestType != RequestType.NEW && licenseId == null) {
			throw new IllegalArgumentException(requestType + " needs the license id");
		}
		keyIds = List.copyOf(keyIds);
	}

	/**
	 * A builder with a random nonce, issued now (system clock), STREAMING, NEW.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Signs this challenge with the device key: the compact JWS to send as the license
	 * message's {@code payload}.
	 * @param device the device
	 * @return the compact JWS
	 */
	public String signWith(DeviceIdentity device) {
		return device.signJws(TYPE, toClaims());
	}

	/**
	 * The JSON claims of the challenge.
	 * @return the claims
	 */
	public Map<String, Object> toClaims() {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iat", this.issuedAt.getEpochSecond());
		claims.put("jti", this.nonce);
		claims.put("cid", this.contentId);
		List<String> kids = new ArrayList<>();
		for (KeyId keyId : this.keyIds) {
			kids.add(keyId.toBase64Url());
		}
		claims.put("kids", kids);
		claims.put("license_type", this.licenseType.name());
		claims.put("request_type", this.requestType.name());
		if (this.clientToken != null) {
			claims.put("client_token", this.clientToken);
		}
		if (this.sessionToken != null) {
			claims.put("session_token", this.sessionToken);
		}
		if (this.licenseId != null) {
			claims.put("license_id", this.licenseId);
		}
		if (this.groupId != null) {
			claims.put("group_id", this.groupId);
		}
		return claims;
	}

	static Challenge fromClaims(Claims claims) {
		List<KeyId> keyIds = new ArrayList<>();
		for (String kid : claims.strings("kids")) {
			keyIds.add(KeyId.ofBase64Url(kid));
		}
		return new Challenge(claims.string("jti"), claims.time("iat"), claims.string("cid"), keyIds,
				claims.enumValue("license_type", LicenseType.class),
				claims.enumValue("request_type", RequestType.class), claims.optionalString("client_token"),
				claims.optionalString("session_token"), claims.optionalString("license_id"),
				claims.optionalString("group_id"));
	}

	/**
	 * Builds a challenge; {@link #build()} refuses an invalid one.
	 */
	public static final class Builder {

		private String nonce = KeySupport.base64Url(io.voucher.crypto.keys.SecretBytes.random(16).toByteArray());

		private @Nullable Instant issuedAt;

		private Clock clock = Clock.systemUTC();

		private @Nullable String contentId;

		private final List<KeyId> keyIds = new ArrayList<>();

		private LicenseType licenseType = LicenseType.STREAMING;

		private RequestType requestType = RequestType.NEW;

		private @Nullable String clientToken;

		private @Nullable String sessionToken;

		private @Nullable String licenseId;

		private @Nullable String groupId;

		private Builder() {
		}

		public Builder nonce(String nonce) {
			this.nonce = nonce;
			return this;
		}

		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		public Builder issuedAt(Instant issuedAt) {
			this.issuedAt = issuedAt;
			return this;
		}

		public Builder contentId(String contentId) {
			this.contentId = contentId;
			return this;
		}

		public Builder keyIds(KeyId... keyIds) {
			return keyIds(List.of(keyIds));
		}

		public Builder keyIds(List<KeyId> keyIds) {
			this.keyIds.addAll(keyIds);
			return this;
		}

		public Builder licenseType(LicenseType licenseType) {
			this.licenseType = licenseType;
			return this;
		}

		public Builder requestType(RequestType requestType) {
			this.requestType = requestType;
			return this;
		}

		public Builder clientToken(@Nullable String clientToken) {
			this.clientToken = clientToken;
			return this;
		}

		public Builder sessionToken(@Nullable String sessionToken) {
			this.sessionToken = sessionToken;
			return this;
		}

		public Builder licenseId(@Nullable String licenseId) {
			this.licenseId = licenseId;
			return this;
		}

		/**
		 * Asks for a license bound to a device group this device is a member of.
		 * @param groupId the group's id
		 * @return this builder
		 */
		public Builder groupId(@Nullable String groupId) {
			this.groupId = groupId;
			return this;
		}

		/**
		 * Builds the challenge.
		 * @return the challenge
		 * @throws IllegalArgumentException if invalid (no content id, renewal without
		 * license id…)
		 */
		public Challenge build() {
			if (this.contentId == null) {
				throw new IllegalArgumentException("the content id is required");
			}
			Instant iat = (this.issuedAt != null) ? this.issuedAt : this.clock.instant();
			return new Challenge(this.nonce, Instant.ofEpochSecond(iat.getEpochSecond()), this.contentId, this.keyIds,
					this.licenseType, this.requestType, this.clientToken, this.sessionToken, this.licenseId,
					this.groupId);
		}

	}

}
