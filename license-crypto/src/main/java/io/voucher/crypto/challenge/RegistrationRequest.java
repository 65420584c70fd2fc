package io.voucher.crypto.challenge;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.voucher.crypto.internal.Claims;
import io.voucher.crypto.internal.KeySupport;
import io.voucher.crypto.keys.SecretBytes;
import io.voucher.crypto.pki.DeviceIdentity;

/**
 * A device's registration of its generated ID (Primetime's
 * {@code DRMManager.authenticate} with the generated ID as user name): a JWS signed by
 * the device key with the device chain in {@code x5c}. Built and signed on the device;
 * read on the server by {@link ChallengeVerifier#verifyRegistration}.
 *
 * @param nonce the {@code jti}: a random single-use value
 * @param issuedAt the {@code iat}
 * @param generatedId the {@code gid}: the app's random generated ID
 * @param provider the {@code provider} whose entitlements the device registers for
 */
public record RegistrationRequest(String nonce, Instant issuedAt, GeneratedId generatedId, String provider) {

	/** The {@code typ} header of a registration request. */
	public static final String TYPE = "voucher-registration+jwt";

	public RegistrationRequest {
		Objects.requireNonNull(issuedAt, "issuedAt");
		Objects.requireNonNull(generatedId, "generatedId");
		if (nonce.length() < 16 || nonce.length() > 128) {
			throw new IllegalArgumentException("the nonce must be 16 to 128 characters");
		}
		if (provider.isBlank()) {
			throw new IllegalArgumentException("the provider must not be blank");
		}
	}

	/**
	 * A registration of {@code generatedId} with {@code provider}, with a random nonce,
	 * issued now by {@code clock}.
	 * @param generatedId the generated ID
	 * @param provider the provider's name
	 * @param clock the device clock
	 * @return the request
	 */
	public static RegistrationRequest of(GeneratedId generatedId, String provider, Clock clock) {
		return new RegistrationRequest(KeySupport.base64Url(SecretBytes.random(16).toByteArray()),
				Instant.ofEpochSecond(clock.instant().getEpochSecond()), generatedId, provider);
	}

	/**
	 * Signs this request with the device key.
	 * @param device the device
	 * @return the compact JWS to post to {@code /device/v1/registrations}
	 */
	public String signWith(DeviceIdentity device) {
		return device.signJws(TYPE, toClaims());
	}

	/**
	 * The JSON claims of the request.
	 * @return the claims
	 */
	public Map<String, Object> toClaims() {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iat", this.issuedAt.getEpochSecond());
		claims.put("jti", this.nonce);
		claims.put("gid", this.generatedId.value());
		claims.put("provider", this.provider);
		return claims;
	}

	static RegistrationRequest fromClaims(Claims claims) {
		return new RegistrationRequest(claims.string("jti"), claims.time("iat"), new GeneratedId(claims.string("gid")),
				claims.string("provider"));
	}

}
