package io.voucher.domain.license.plan;

import io.voucher.crypto.keys.SecretBytes;
import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.SecurityLevel;
import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.TrackType;
import org.jspecify.annotations.Nullable;

/**
 * One entry of a license message's {@code content_key_specs}, already parsed: a track, a
 * key id or both, an optional injected key, and requirements that win over the stored
 * policy's for that track.
 *
 * @param trackType the track, or {@code null} when the key id alone names the key
 * @param keyId the key id, or {@code null} for the track's active key
 * @param injectedKey a key given in the message instead of a stored one, or {@code null}
 * @param securityLevel the track's required level, or {@code null} for the policy's
 * @param requiredHdcp the track's required HDCP, or {@code null} for the policy's
 */
public record KeySpec(@Nullable TrackType trackType, @Nullable KeyId keyId, @Nullable SecretBytes injectedKey,
		@Nullable SecurityLevel securityLevel, @Nullable HdcpVersion requiredHdcp) {

	@Override
	public String toString() {
		return "KeySpec[" + this.trackType + ", " + this.keyId + ", injected " + (this.injectedKey != null) + ", "
				+ this.securityLevel + ", " + this.requiredHdcp + "]";
	}

}
