package io.voucher.domain.content;

import io.voucher.crypto.keys.SecretBytes;
import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.TrackType;

/**
 * A content key opened for use in a license. Never serialized, never logged.
 *
 * @param trackType the track it decrypts
 * @param keyId its key id
 * @param key the key
 */
public record ContentKeyMaterial(TrackType trackType, KeyId keyId, SecretBytes key) {

	@Override
	public String toString() {
		return "ContentKeyMaterial[" + this.trackType + ", " + this.keyId + "]";
	}

}
