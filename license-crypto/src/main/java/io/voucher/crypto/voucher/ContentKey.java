package io.voucher.crypto.voucher;

import java.util.Objects;

import io.voucher.crypto.keys.SecretBytes;
import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.SecurityLevel;

/**
 * A content key with what a license says about it.
 *
 * @param grant the key id, track type and output requirements
 * @param key the key (16 bytes for CENC AES-128, or 32)
 */
public record ContentKey(KeyGrant grant, SecretBytes key) {

	public ContentKey {
		Objects.requireNonNull(grant, "grant");
		if (key.size() != 16 && key.size() != 32) {
			throw new IllegalArgumentException("a content key is 16 or 32 bytes");
		}
	}

	/**
	 * A content key.
	 * @param keyId the key id
	 * @param trackType the track type
	 * @param requiredSecurityLevel the lowest device security level allowed to use it
	 * @param requiredHdcp the lowest HDCP version required on outputs
	 * @param key the key
	 * @return the content key
	 */
	public static ContentKey of(KeyId keyId, TrackType trackType, SecurityLevel requiredSecurityLevel,
			HdcpVersion requiredHdcp, SecretBytes key) {
		return new ContentKey(new KeyGrant(keyId, trackType, requiredSecurityLevel, requiredHdcp), key);
	}

	/**
	 * The key id.
	 * @return the key id
	 */
	public KeyId keyId() {
		return this.grant.keyId();
	}

}
