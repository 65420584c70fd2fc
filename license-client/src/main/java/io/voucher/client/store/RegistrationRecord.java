package io.voucher.client.store;

import java.time.Instant;
import java.util.Objects;

import io.voucher.crypto.challenge.GeneratedId;

/**
 * A generated ID this device registered (Primetime's {@code DRMManager.authenticate}).
 *
 * @param generatedId the generated ID
 * @param provider the provider it was registered with
 * @param fingerprint the device certificate it was registered with
 * @param registeredAt when the platform registered it
 * @param bundleUrl where its out-of-band bundle is, relative to the platform
 */
public record RegistrationRecord(GeneratedId generatedId, String provider, String fingerprint, Instant registeredAt,
		String bundleUrl) {

	public RegistrationRecord {
		Objects.requireNonNull(generatedId, "generatedId");
		Objects.requireNonNull(registeredAt, "registeredAt");
	}

	@Override
	public String toString() {
		// The generated ID is what ties a device to its bundle: it stays out of logs.
		return "RegistrationRecord[" + this.provider + ", " + this.fingerprint + "]";
	}

}
