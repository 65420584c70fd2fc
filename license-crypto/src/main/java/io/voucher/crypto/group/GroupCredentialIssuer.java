package io.voucher.crypto.group;

import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import io.voucher.crypto.internal.Jose;
import io.voucher.crypto.internal.PrivateKeys;
import io.voucher.crypto.keys.SigningKeyRing;
import io.voucher.crypto.pki.DeviceCertificate;

/**
 * Issues group credentials (server side): the group private key as a JWK, encrypted (JWE)
 * to a member device's key, inside a JWS signed by the license signing key.
 */
public final class GroupCredentialIssuer {

	/** The {@code typ} header of a group credential. */
	public static final String TYPE = "voucher-group-credential+jwt";

	/** The {@code cty} of the JWE holding the group key. */
	public static final String KEY_CONTENT_TYPE = "jwk+json";

	private final SigningKeyRing signingKeys;

	private final Clock clock;

	/**
	 * Creates an issuer.
	 * @param signingKeys the license signing keys
	 * @param clock dates the credential
	 */
	public GroupCredentialIssuer(SigningKeyRing signingKeys, Clock clock) {
		this.signingKeys = signingKeys;
		this.clock = clock;
	}

	/**
	 * Issues a credential for a member device.
	 * @param groupKey the group's current key pair
	 * @param member the member device (its certificate must have been validated)
	 * @param expiresAt the credential's expiry
	 * @return the compact JWS
	 */
	public String issue(GroupKeyPair groupKey, DeviceCertificate member, Instant expiresAt) {
		Instant now = this.clock.instant();
		if (!expiresAt.isAfter(now)) {
			throw new IllegalArgumentException("the credential must expire in the future");
		}
		GroupPublicKey publicKey = groupKey.publicKey();
		ECKey jwk = new ECKey.Builder(Curve.P_256, publicKey.key()).privateKey((ECPrivateKey) PrivateKeys.of(groupKey))
			.keyID(publicKey.groupId().value() + "#" + publicKey.generation())
			.build();
		Map<String, Object> headers = new LinkedHashMap<>();
		headers.put("gid", publicKey.groupId().value());
		headers.put("gen", publicKey.generation());
		String keyBlock = Jose.encrypt(member.publicKey(), KEY_CONTENT_TYPE, headers, jwk.toJSONString());
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("sub", member.fingerprint().value());
		claims.put("group_id", publicKey.groupId().value());
		claims.put("generation", publicKey.generation());
		claims.put("iat", now.getEpochSecond());
		claims.put("exp", expiresAt.getEpochSecond());
		claims.put("group_public_key", jwk.toPublicJWK().toJSONObject());
		claims.put("group_key", keyBlock);
		return this.signingKeys.sign(TYPE, claims);
	}

}
