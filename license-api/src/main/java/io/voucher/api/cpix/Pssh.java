package io.voucher.api.cpix;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

import io.voucher.crypto.voucher.KeyId;

/**
 * A version 1 {@code pssh} box (ISO/IEC 23001-7, 8.1): the DRM system id, the key ids it
 * covers and the system's own data.
 */
final class Pssh {

	private Pssh() {
	}

	/**
	 * The system id of the W3C "Common SystemID and PSSH Box Format", the box browsers'
	 * Clear Key implementations read their key ids from. DASH-IF names Clear Key itself
	 * with {@link DrmSystem#CLEAR_KEY}'s id (in CPIX and in the MPD's ContentProtection
	 * scheme); the box inside carries this one, or Chromium never asks for a license.
	 */
	static final UUID W3C_COMMON = UUID.fromString("1077efec-c0b2-4d02-ace3-3c1e52e2fb4b");

	/**
	 * The W3C Clear Key box: the common system id, the key ids, no data (W3C "Common
	 * SystemID and PSSH Box Format").
	 * @param keyIds the key ids
	 * @return the box
	 */
	static byte[] clearKey(List<KeyId> keyIds) {
		return box(W3C_COMMON, keyIds, new byte[0]);
	}

	/**
	 * Voucher's box: the key ids, and as data the content id in UTF-8, which is what a
	 * Voucher device asks a license for.
	 * @param keyIds the key ids
	 * @param contentId the content id
	 * @return the box
	 */
	static byte[] voucher(List<KeyId> keyIds, String contentId) {
		return box(DrmSystem.VOUCHER.systemId(), keyIds, contentId.getBytes(StandardCharsets.UTF_8));
	}

	static byte[] box(UUID systemId, List<KeyId> keyIds, byte[] data) {
		int size = 4 + 4 + 4 + 16 + 4 + 16 * keyIds.size() + 4 + data.length;
		ByteBuffer box = ByteBuffer.allocate(size);
		box.putInt(size);
		box.put("pssh".getBytes(StandardCharsets.US_ASCII));
		// version 1, flags 0
		box.putInt(0x01000000);
		box.putLong(systemId.getMostSignificantBits());
		box.putLong(systemId.getLeastSignificantBits());
		box.putInt(keyIds.size());
		for (KeyId keyId : keyIds) {
			box.put(keyId.bytes());
		}
		box.putInt(data.length);
		box.put(data);
		return box.array();
	}

}
