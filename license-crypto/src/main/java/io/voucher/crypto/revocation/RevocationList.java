package io.voucher.crypto.revocation;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

import io.voucher.crypto.pki.DeviceFingerprint;

/**
 * The list of revoked device certificates, numbered so that a device never goes back to
 * an older list.
 *
 * @param sequence the sequence number, increasing with each list
 * @param issuedAt when the list was issued
 * @param revoked the fingerprints of the revoked device certificates
 */
public record RevocationList(long sequence, Instant issuedAt, Set<DeviceFingerprint> revoked) {

	/** The {@code typ} header of a signed revocation list. */
	public static final String TYPE = "voucher-revocation-list+jwt";

	public RevocationList {
		Objects.requireNonNull(issuedAt, "issuedAt");
		if (sequence < 0) {
			throw new IllegalArgumentException("sequence must not be negative");
		}
		revoked = Set.copyOf(revoked);
		issuedAt = Instant.ofEpochSecond(issuedAt.getEpochSecond());
	}

	/**
	 * Whether a device certificate is revoked.
	 * @param fingerprint the device fingerprint
	 * @return whether it is listed
	 */
	public boolean isRevoked(DeviceFingerprint fingerprint) {
		return this.revoked.contains(fingerprint);
	}

}
