package io.voucher.crypto.challenge;

import io.voucher.crypto.pki.DeviceCertificate;

/**
 * A challenge whose device chain, signature and freshness were verified. The caller still
 * enforces single use of {@link #jti()} (in its database) and revocation of the device.
 *
 * @param device the validated device certificate
 * @param challenge what the device asks for
 */
public record VerifiedChallenge(DeviceCertificate device, Challenge challenge) {

	/**
	 * The nonce, to record for the single-use check.
	 * @return the {@code jti}
	 */
	public String jti() {
		return this.challenge.nonce();
	}

}
