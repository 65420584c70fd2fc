package io.voucher.api.token;

import java.time.Duration;

import io.voucher.api.audit.AuditRecorder;
import io.voucher.api.license.LicenseGate;
import io.voucher.api.token.EntitlementTokenRejectedException.Reason;
import io.voucher.api.web.ApiException;
import io.voucher.api.web.ProblemCode;
import io.voucher.crypto.challenge.VerifiedChallenge;
import io.voucher.domain.license.ChallengeNonces;
import io.voucher.domain.license.ReplayedChallengeException;
import io.voucher.registry.registration.RegistrationService;
import io.voucher.registry.registration.RegistrationStatus;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Holds one license request to what its entitlement token grants: the challenge must be
 * signed by the device the token names and ask for a content it names; the token's
 * {@code jti} is used up in the transaction that records the license, so a token that led
 * to no license can be presented again until it expires.
 */
final class EntitlementTokenGate implements LicenseGate {

	/**
	 * Token ids share the challenge nonces' table, under their own prefix and the
	 * provider's id: two providers may pick the same {@code jti}.
	 */
	private static final String NONCE_PREFIX = "ett:";

	private final EntitlementToken token;

	private final RegistrationService registrations;

	private final ChallengeNonces nonces;

	private final Duration clockSkew;

	private final HttpServletRequest request;

	EntitlementTokenGate(EntitlementToken token, RegistrationService registrations, ChallengeNonces nonces,
			Duration clockSkew, HttpServletRequest request) {
		this.token = token;
		this.registrations = registrations;
		this.nonces = nonces;
		this.clockSkew = clockSkew;
		this.request = request;
	}

	@Override
	public void admit(VerifiedChallenge challenge) {
		String fingerprint = challenge.device().fingerprint().value();
		AuditRecorder.device(this.request, fingerprint);
		if (!this.token.namesDevice()) {
			throw new EntitlementTokenRejectedException(Reason.DEVICE_MISMATCH,
					"The entitlement token names no device (sub or gid): it is for Clear Key, not for a device");
		}
		if (!isForDevice(fingerprint)) {
			throw new EntitlementTokenRejectedException(Reason.DEVICE_MISMATCH,
					"The entitlement token is for another device than the one that signed the challenge");
		}
		if (!this.token.contentIds().contains(challenge.challenge().contentId())) {
			throw new EntitlementTokenRejectedException(Reason.CONTENT_NOT_ENTITLED,
					"The entitlement token does not grant the content the challenge asks for");
		}
	}

	private boolean isForDevice(String fingerprint) {
		if (this.token.deviceFingerprint() != null) {
			return this.token.deviceFingerprint().equals(fingerprint);
		}
		// A generated ID stands for the device it is currently registered with, with
		// this provider.
		return this.registrations.find(this.token.generatedId())
			.filter((registration) -> registration.providerId().equals(this.token.provider().providerId()))
			.filter((registration) -> registration.status() == RegistrationStatus.ACTIVE)
			.filter((registration) -> registration.fingerprint().equals(fingerprint))
			.isPresent();
	}

	@Override
	public void claim() {
		String nonce = NONCE_PREFIX + this.token.provider().providerId() + ":" + this.token.jti();
		try {
			// Kept until the token could no longer be accepted anyway.
			this.nonces.claim(nonce, this.token.expiresAt().plus(this.clockSkew).plusSeconds(60));
		}
		catch (ReplayedChallengeException ex) {
			throw new ApiException(ProblemCode.ENTITLEMENT_TOKEN_REPLAYED,
					"The entitlement token was used before; ask the provider for a new one");
		}
	}

}
