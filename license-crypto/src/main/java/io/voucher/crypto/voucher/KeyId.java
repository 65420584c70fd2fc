package io.voucher.crypto.voucher;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.UUID;

import io.voucher.crypto.internal.KeySupport;

/**
 * A content key id: 16 bytes (as in CENC), written base64url without padding in Voucher's
 * formats.
 *
 * @param bytes the 16 bytes (copied)
 */
public record KeyId(byte[] bytes) {

	/** The length of a key id. */
	public static final int LENGTH = 16;

	public KeyId {
		if (bytes.length != LENGTH) {
			throw new IllegalArgumentException("a key id is 16 bytes");
		}
		bytes = bytes.clone();
	}

	@Override
	public byte[] bytes() {
		return this.bytes.clone();
	}

	/**
	 * Parses the base64url form.
	 * @param text 22 base64url characters
	 * @return the key id
	 */
	public static KeyId ofBase64Url(String text) {
		return new KeyId(KeySupport.fromBase64Url(text));
	}

	/**
	 * Parses the hex form (32 digits, as ffmpeg and the Widevine template show it).
	 * @param hex the hex
	 * @return the key id
	 */
	public static KeyId ofHex(String hex) {
		return new KeyId(HexFormat.of().parseHex(hex));
	}

	/**
	 * The key id of a UUID (big-endian).
	 * @param uuid the UUID
	 * @return the key id
	 */
	public static KeyId of(UUID uuid) {
		return new KeyId(ByteBuffer.allocate(LENGTH)
			.putLong(uuid.getMostSignificantBits())
			.putLong(uuid.getLeastSignificantBits())
			.array());
	}

	/**
	 * A random key id.
	 * @return the key id
	 */
	public static KeyId random() {
		return of(UUID.randomUUID());
	}

	/**
	 * The base64url form (22 characters, no padding).
	 * @return the text
	 */
	public String toBase64Url() {
		return KeySupport.base64Url(this.bytes);
	}

	/**
	 * The hex form (32 lowercase digits).
	 * @return the hex
	 */
	public String toHex() {
		return HexFormat.of().formatHex(this.bytes);
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof KeyId id && Arrays.equals(id.bytes, this.bytes);
	}

	@Override
	public int hashCode() {
		return Arrays.hashCode(this.bytes);
	}

	@Override
	public String toString() {
		return toBase64Url();
	}

}
