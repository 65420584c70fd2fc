package io.voucher.crypto.challenge;

import io.voucher.crypto.pki.DeviceCertificate;

/**
 * A registration request whose device chain, signature and freshness were verified. The
 * caller still enforces single use of {@link #jti()} and revocation of the device.
 *
 * @param device the validated device certificate
 * @param request what the device registers
 */
public record VerifiedRegistration(DeviceCertificate device, RegistrationRequest request) {

	/**
	 * The nonce, to record for the single-use check.
	 * @return the {@code jti}
	 */
	public String jti() {
		return this.request.nonce();
	}

}
