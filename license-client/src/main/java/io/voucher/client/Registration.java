package io.voucher.client;

import java.time.Instant;

import io.voucher.crypto.challenge.GeneratedId;

/**
 * A generated ID registered with this device's certificate (Primetime's
 * {@code DRMManager.authenticate}).
 *
 * @param generatedId the generated ID
 * @param provider the provider
 * @param registeredAt when the platform registered it
 * @param bundleUrl where its out-of-band bundle is, relative to the platform
 * @param created whether this call registered it (false: it was already)
 */
public record Registration(GeneratedId generatedId, String provider, Instant registeredAt, String bundleUrl,
		boolean created) {

	@Override
	public String toString() {
		return "Registration[" + this.provider + ", registered " + this.registeredAt + "]";
	}

}
