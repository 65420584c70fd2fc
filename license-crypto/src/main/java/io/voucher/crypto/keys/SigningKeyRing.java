package io.voucher.crypto.keys;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.voucher.crypto.internal.Jose;
import io.voucher.crypto.internal.JoseProblem;
import io.voucher.crypto.internal.ParsedJws;

/**
 * The license signing keys of the server: one active key signs, every key of the ring
 * verifies (selected by {@code kid}), so the signing key can rotate while earlier
 * signatures stay verifiable. Exports the public keys as a JWKS.
 */
public final class SigningKeyRing {

	private final SigningKey active;

	private final Map<String, SigningKey> byKid;

	/**
	 * Creates a ring.
	 * @param active the key that signs
	 * @param others retired (or upcoming) keys that still verify
	 */
	public SigningKeyRing(SigningKey active, Collection<SigningKey> others) {
		this.active = active;
		Map<String, SigningKey> keys = new LinkedHashMap<>();
		keys.put(active.kid(), active);
		for (SigningKey key : others) {
			keys.putIfAbsent(key.kid(), key);
		}
		this.byKid = Map.copyOf(keys);
	}

	/**
	 * A ring of one key.
	 * @param active the key
	 * @return the ring
	 */
	public static SigningKeyRing of(SigningKey active) {
		return new SigningKeyRing(active, List.of());
	}

	/**
	 * A new ring where {@code next} signs and the current keys still verify.
	 * @param next the new active key
	 * @return the rotated ring
	 */
	public SigningKeyRing rotateTo(SigningKey next) {
		List<SigningKey> others = new ArrayList<>(this.byKid.values());
		return new SigningKeyRing(next, others);
	}

	/**
	 * The key that signs.
	 * @return the active key
	 */
	public SigningKey active() {
		return this.active;
	}

	/**
	 * Signs claims with the active key.
	 * @param type the {@code typ} header
	 * @param claims the payload
	 * @return the compact JWS
	 */
	public String sign(String type, Map<String, Object> claims) {
		return this.active.sign(type, claims);
	}

	/**
	 * Verifies a JWS signed by a key of this ring, selected by {@code kid}.
	 * @param compact the compact JWS
	 * @param type the expected {@code typ}
	 * @return the verified content
	 * @throws SignatureRejectedException if refused ({@code FOREIGN_SIGNER} for an
	 * unknown kid)
	 */
	public VerifiedJws verify(String compact, String type) {
		try {
			ParsedJws jws = Jose.parseJws(compact, type);
			String kid = jws.header().getKeyID();
			SigningKey key = (kid != null) ? this.byKid.get(kid) : null;
			if (key == null) {
				throw new SignatureRejectedException(SignatureRejectedException.Reason.FOREIGN_SIGNER,
						"no signing key with kid " + kid);
			}
			Jose.verify(jws, key.publicKey());
			return new VerifiedJws(key.kid(), key.certificate(), Jose.claims(jws));
		}
		catch (JoseProblem problem) {
			throw SignatureRejectedException.of(problem);
		}
	}

	/**
	 * The public keys as a JWK set (JSON), for devices and other verifiers.
	 * @return the JWKS JSON
	 */
	public String publicJwks() {
		List<JWK> keys = new ArrayList<>();
		keys.add(this.active.publicJwk());
		for (SigningKey key : this.byKid.values()) {
			if (key != this.active) {
				keys.add(key.publicJwk());
			}
		}
		return new JWKSet(keys).toString(true);
	}

}
