package io.voucher.crypto.challenge;

import io.voucher.crypto.pki.DeviceCertificate;

/**
 * A group request whose device chain, signature and freshness were verified. The caller
 * still checks that the request is for the group and action at hand, enforces single use
 * of {@link #jti()} where the action changes state, and checks revocation.
 *
 * @param device the validated device certificate
 * @param request what the device asks
 */
public record VerifiedGroupRequest(DeviceCertificate device, GroupRequest request) {

	/**
	 * The nonce, to record for the single-use check.
	 * @return the {@code jti}
	 */
	public String jti() {
		return this.request.nonce();
	}

}
