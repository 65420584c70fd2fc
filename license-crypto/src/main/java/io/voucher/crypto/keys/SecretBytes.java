package io.voucher.crypto.keys;

import java.security.MessageDigest;
import java.util.Arrays;

import io.voucher.crypto.internal.CryptoProviders;

/**
 * Secret bytes (a content key, a data key, an encoded private key): copied in and copied
 * out, compared in constant time, never printed.
 */
public final class SecretBytes {

	private final byte[] bytes;

	private SecretBytes(byte[] bytes) {
		this.bytes = bytes;
	}

	/**
	 * Wraps a copy of the given bytes.
	 * @param bytes the secret
	 * @return the wrapper
	 */
	public static SecretBytes copyOf(byte[] bytes) {
		return new SecretBytes(bytes.clone());
	}

	/**
	 * Generates random secret bytes.
	 * @param length the number of bytes
	 * @return the wrapper
	 */
	public static SecretBytes random(int length) {
		if (length <= 0) {
			throw new IllegalArgumentException("length must be positive");
		}
		byte[] bytes = new byte[length];
		CryptoProviders.random().nextBytes(bytes);
		return new SecretBytes(bytes);
	}

	/**
	 * A copy of the secret; the caller should clear it after use.
	 * @return a fresh copy
	 */
	public byte[] toByteArray() {
		return this.bytes.clone();
	}

	/**
	 * The length of the secret in bytes.
	 * @return the length
	 */
	public int size() {
		return this.bytes.length;
	}

	/**
	 * Compares in constant time (for secrets of equal length).
	 * @param other the other secret
	 * @return whether both hold the same bytes
	 */
	public boolean equalsSecret(SecretBytes other) {
		return MessageDigest.isEqual(this.bytes, other.bytes);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof SecretBytes secret && equalsSecret(secret);
	}

	@Override
	public int hashCode() {
		// Constant: a hash would leak information about the secret.
		return SecretBytes.class.hashCode() + this.bytes.length;
	}

	@Override
	public String toString() {
		return "SecretBytes[" + this.bytes.length + " bytes]";
	}

	/**
	 * Overwrites the secret with zeros; the wrapper must not be used afterwards.
	 */
	public void destroy() {
		Arrays.fill(this.bytes, (byte) 0);
	}

}
