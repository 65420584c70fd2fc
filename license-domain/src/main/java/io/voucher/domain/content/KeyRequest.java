package io.voucher.domain.content;

import io.voucher.crypto.keys.SecretBytes;
import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.TrackType;
import org.jspecify.annotations.Nullable;

/**
 * A new key asked for one track: generated when {@code key} is absent, injected
 * otherwise; a key id is generated when absent.
 *
 * @param trackType the track
 * @param keyId the key id to use, or {@code null} to generate one
 * @param key the 16-byte key to inject, or {@code null} to generate one
 */
public record KeyRequest(TrackType trackType, @Nullable KeyId keyId, @Nullable SecretBytes key) {

	/** Length of a content key. */
	public static final int KEY_LENGTH = 16;

	public KeyRequest {
		if (key != null && key.size() != KEY_LENGTH) {
			throw new InvalidContentException("key", "must be 16 bytes");
		}
	}

	/**
	 * A generated key and key id for a track.
	 * @param trackType the track
	 * @return the request
	 */
	public static KeyRequest generate(TrackType trackType) {
		return new KeyRequest(trackType, null, null);
	}

	@Override
	public String toString() {
		return "KeyRequest[" + this.trackType + ", " + ((this.key != null) ? "injected" : "generated") + "]";
	}

}
