package io.voucher.crypto.keys;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A key encryption key (AES-256), as an opaque handle with an id; it wraps the per-record
 * data keys of {@link EnvelopeEncryption}. Comes from a PKCS#12 keystore (HSM later).
 */
public final class KeyEncryptionKey {

	private final String id;

	private final SecretKey key;

	private KeyEncryptionKey(String id, SecretKey key) {
		if (id.isEmpty() || id.length() > 255) {
			throw new IllegalArgumentException("a KEK id is 1 to 255 characters");
		}
		if (!"AES".equalsIgnoreCase(key.getAlgorithm()) || key.getEncoded() == null || key.getEncoded().length != 32) {
			throw new IllegalArgumentException("a KEK is an AES-256 key");
		}
		this.id = id;
		this.key = key;
	}

	/**
	 * A KEK from a secret key (for instance a keystore entry).
	 * @param id the KEK's id, recorded with each sealed record
	 * @param key the AES-256 key
	 * @return the KEK
	 */
	public static KeyEncryptionKey of(String id, SecretKey key) {
		return new KeyEncryptionKey(id, key);
	}

	/**
	 * Generates a new random KEK.
	 * @param id the KEK's id
	 * @return the KEK
	 */
	public static KeyEncryptionKey generate(String id) {
		SecretBytes bytes = SecretBytes.random(32);
		return new KeyEncryptionKey(id, new SecretKeySpec(bytes.toByteArray(), "AES"));
	}

	/**
	 * The id.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	SecretKey secretKey() {
		return this.key;
	}

	@Override
	public String toString() {
		return "KeyEncryptionKey[" + this.id + "]";
	}

}
