package io.voucher.api.license;

import io.voucher.crypto.challenge.VerifiedChallenge;

/**
 * A caller's own checks on one license answer, for callers that vouch for the request by
 * other means than a provider credential (the direct model's entitlement token). The
 * license service calls {@link #admit} once the challenge is verified, before anything is
 * resolved, and {@link #claim} inside the transaction that records the answer, so that
 * what the gate makes single-use is used up exactly when a license is recorded.
 */
public interface LicenseGate {

	/** The gate of the license message: a provider credential needs no further check. */
	LicenseGate OPEN = new LicenseGate() {

		@Override
		public void admit(VerifiedChallenge challenge) {
		}

		@Override
		public void claim() {
		}

	};

	/**
	 * Checks the verified challenge against what the caller vouched for.
	 * @param challenge the verified challenge and device
	 * @throws RuntimeException to refuse; it propagates to the caller of
	 * {@link DirectLicenses#handle} and nothing is issued
	 */
	void admit(VerifiedChallenge challenge);

	/**
	 * Claims what must be used once, in the recording transaction.
	 * @throws RuntimeException to refuse; the transaction rolls back and it propagates
	 */
	void claim();

}
