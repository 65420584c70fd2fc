package io.voucher.crypto.voucher;

import java.util.Objects;

import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.SecurityLevel;

/**
 * The public part of a license's key entry: key id, track type and output requirements.
 *
 * @param keyId the key id
 * @param trackType the track type
 * @param requiredSecurityLevel the lowest device security level allowed to use the key
 * @param requiredHdcp the lowest HDCP version required on outputs
 */
public record KeyGrant(KeyId keyId, TrackType trackType, SecurityLevel requiredSecurityLevel,
		HdcpVersion requiredHdcp) {

	public KeyGrant {
		Objects.requireNonNull(keyId, "keyId");
		Objects.requireNonNull(trackType, "trackType");
		Objects.requireNonNull(requiredSecurityLevel, "requiredSecurityLevel");
		Objects.requireNonNull(requiredHdcp, "requiredHdcp");
	}

}
