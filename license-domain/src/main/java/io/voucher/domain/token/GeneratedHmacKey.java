package io.voucher.domain.token;

import io.voucher.crypto.keys.SecretBytes;

/**
 * A freshly generated HMAC key and its secret, which is handed out this once; only its
 * sealed form is stored.
 *
 * @param key the key
 * @param secret the 256-bit secret
 */
public record GeneratedHmacKey(EntitlementTokenKey key, SecretBytes secret) {

	@Override
	public String toString() {
		return "GeneratedHmacKey[" + this.key.kid() + "]";
	}

}
