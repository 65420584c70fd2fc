package io.voucher.crypto.keys;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.voucher.crypto.internal.CryptoProviders;

/**
 * Envelope encryption of secrets at rest (content keys, group and signing private keys):
 * AES-256-GCM (JDK provider) under a fresh data key per record, the data key wrapped
 * (AES-256-GCM) under a key encryption key; both bound to the record's identity as
 * associated data, so a sealed value copied to another record does not open.
 *
 * <p>
 * Format:
 * {@code 0x01 | len(kekId) (1 byte) | kekId (UTF-8) | wrapNonce (12) | wrappedDataKey
 * (32 + 16 tag) | nonce (12) | ciphertext + tag (16)}.
 */
public final class EnvelopeEncryption {

	private static final byte VERSION = 1;

	private static final int NONCE = 12;

	private static final int TAG_BITS = 128;

	private static final int DATA_KEY = 32;

	private static final byte[] WRAP_LABEL = "voucher-envelope-data-key\0".getBytes(StandardCharsets.US_ASCII);

	private final KeyEncryptionKey active;

	private final Map<String, KeyEncryptionKey> keks;

	/**
	 * Creates an envelope encryption.
	 * @param active the KEK that seals new records
	 * @param others older KEKs that still open records
	 */
	public EnvelopeEncryption(KeyEncryptionKey active, List<KeyEncryptionKey> others) {
		this.active = active;
		Map<String, KeyEncryptionKey> all = new LinkedHashMap<>();
		all.put(active.id(), active);
		others.forEach((kek) -> all.putIfAbsent(kek.id(), kek));
		this.keks = Map.copyOf(all);
	}

	/**
	 * Creates an envelope encryption with one KEK.
	 * @param kek the KEK
	 */
	public EnvelopeEncryption(KeyEncryptionKey kek) {
		this(kek, List.of());
	}

	/**
	 * Seals a secret.
	 * @param secret the secret
	 * @param identity the record's identity (e.g. {@code "content-key:<provider>:<kid>"})
	 * @return the sealed bytes
	 */
	public byte[] seal(SecretBytes secret, String identity) {
		return seal(secret, identity.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Seals a secret.
	 * @param secret the secret
	 * @param identity the record's identity, as associated data
	 * @return the sealed bytes
	 */
	public byte[] seal(SecretBytes secret, byte[] identity) {
		byte[] kekId = this.active.id().getBytes(StandardCharsets.UTF_8);
		byte[] dataKey = SecretBytes.random(DATA_KEY).toByteArray();
		byte[] plaintext = secret.toByteArray();
		try {
			byte[] wrapNonce = nonce();
			byte[] wrapped = gcm(Cipher.ENCRYPT_MODE, this.active.secretKey(), wrapNonce, wrapAad(identity), dataKey);
			byte[] nonce = nonce();
			byte[] ciphertext = gcm(Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKey, "AES"), nonce, identity, plaintext);
			return ByteBuffer.allocate(2 + kekId.length + NONCE + wrapped.length + NONCE + ciphertext.length)
				.put(VERSION)
				.put((byte) kekId.length)
				.put(kekId)
				.put(wrapNonce)
				.put(wrapped)
				.put(nonce)
				.put(ciphertext)
				.array();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("sealing failed", ex);
		}
		finally {
			Arrays.fill(dataKey, (byte) 0);
			Arrays.fill(plaintext, (byte) 0);
		}
	}

	/**
	 * Opens a sealed secret.
	 * @param sealed the sealed bytes
	 * @param identity the record's identity it was sealed with
	 * @return the secret
	 * @throws EnvelopeException if malformed, under an unknown KEK, altered or of another
	 * record
	 */
	public SecretBytes open(byte[] sealed, String identity) {
		return open(sealed, identity.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Opens a sealed secret.
	 * @param sealed the sealed bytes
	 * @param identity the record's identity it was sealed with
	 * @return the secret
	 * @throws EnvelopeException if malformed, under an unknown KEK, altered or of another
	 * record
	 */
	public SecretBytes open(byte[] sealed, byte[] identity) {
		ByteBuffer buffer = ByteBuffer.wrap(sealed);
		KeyEncryptionKey kek;
		byte[] wrapNonce = new byte[NONCE];
		byte[] wrapped = new byte[DATA_KEY + TAG_BITS / 8];
		byte[] nonce = new byte[NONCE];
		byte[] ciphertext;
		try {
			if (buffer.get() != VERSION) {
				throw new EnvelopeException(EnvelopeException.Reason.MALFORMED, "unknown envelope version");
			}
			byte[] kekId = new byte[buffer.get() & 0xff];
			buffer.get(kekId);
			kek = this.keks.get(new String(kekId, StandardCharsets.UTF_8));
			if (kek == null) {
				throw new EnvelopeException(EnvelopeException.Reason.UNKNOWN_KEK, "sealed under an unknown KEK");
			}
			buffer.get(wrapNonce).get(wrapped).get(nonce);
			ciphertext = new byte[buffer.remaining()];
			buffer.get(ciphertext);
			if (ciphertext.length < TAG_BITS / 8) {
				throw new EnvelopeException(EnvelopeException.Reason.MALFORMED, "truncated envelope");
			}
		}
		catch (java.nio.BufferUnderflowException ex) {
			throw new EnvelopeException(EnvelopeException.Reason.MALFORMED, "truncated envelope", ex);
		}
		byte[] dataKey = null;
		try {
			dataKey = gcm(Cipher.DECRYPT_MODE, kek.secretKey(), wrapNonce, wrapAad(identity), wrapped);
			byte[] plaintext = gcm(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), nonce, identity, ciphertext);
			SecretBytes result = SecretBytes.copyOf(plaintext);
			Arrays.fill(plaintext, (byte) 0);
			return result;
		}
		catch (GeneralSecurityException ex) {
			throw new EnvelopeException(EnvelopeException.Reason.TAMPERED_OR_WRONG_IDENTITY,
					"the record was altered or belongs to another identity", ex);
		}
		finally {
			if (dataKey != null) {
				Arrays.fill(dataKey, (byte) 0);
			}
		}
	}

	private static byte[] wrapAad(byte[] identity) {
		return ByteBuffer.allocate(WRAP_LABEL.length + identity.length).put(WRAP_LABEL).put(identity).array();
	}

	private static byte[] nonce() {
		byte[] nonce = new byte[NONCE];
		CryptoProviders.random().nextBytes(nonce);
		return nonce;
	}

	private static byte[] gcm(int mode, SecretKey key, byte[] nonce, byte[] aad, byte[] input)
			throws GeneralSecurityException {
		// JDK provider: hardware-accelerated AES-GCM.
		Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
		cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
		cipher.updateAAD(aad);
		return cipher.doFinal(input);
	}

}
