package io.voucher.domain.token;

import java.security.interfaces.ECPublicKey;

import io.voucher.crypto.keys.SecretBytes;

/**
 * What verifies a token signed with a provider's key. Its type, not the token's header,
 * decides the algorithm.
 */
public sealed interface VerificationKey {

	/**
	 * The key's listing.
	 * @return the key
	 */
	EntitlementTokenKey key();

	/**
	 * An HS256 key with its opened secret; the caller destroys the secret after use.
	 *
	 * @param key the key
	 * @param secret the HMAC secret
	 */
	record Hmac(EntitlementTokenKey key, SecretBytes secret) implements VerificationKey {

		@Override
		public String toString() {
			return "Hmac[" + this.key.kid() + "]";
		}

	}

	/**
	 * An ES256 key.
	 *
	 * @param key the key
	 * @param publicKey the registered EC P-256 public key
	 */
	record Ec(EntitlementTokenKey key, ECPublicKey publicKey) implements VerificationKey {

	}

}
