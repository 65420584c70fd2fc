package io.voucher.client.platform;

import java.time.Instant;

import io.voucher.crypto.challenge.GeneratedId;

/**
 * The platform's answer to a registration.
 *
 * @param generatedId the registered generated ID
 * @param fingerprint the device certificate it is registered with
 * @param status the registration's status (ACTIVE)
 * @param registeredAt when it was registered
 * @param bundleUrl where its bundle is, relative to the platform
 * @param created whether this call created it (false: it was already registered)
 */
public record RegistrationAnswer(GeneratedId generatedId, String fingerprint, String status, Instant registeredAt,
		String bundleUrl, boolean created) {

	@Override
	public String toString() {
		return "RegistrationAnswer[" + this.fingerprint + ", " + this.status + ", created " + this.created + "]";
	}

}
