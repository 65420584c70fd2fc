package io.voucher.registry.registration;

import java.time.Instant;
import java.util.UUID;

import io.voucher.crypto.pki.HdcpVersion;
import org.jspecify.annotations.Nullable;

/**
 * A generated ID registered with a device certificate.
 *
 * @param id the registration's id
 * @param providerId the provider it registered with
 * @param generatedId the app's generated ID
 * @param fingerprint the device certificate's fingerprint
 * @param certificateChainPem the device certificate chain, PEM
 * @param make the device's make
 * @param model the device's model
 * @param securityLevel the device's security level
 * @param maxHdcp the device's maximum HDCP version
 * @param status where it is
 * @param registeredAt when it registered
 * @param endedAt when it was superseded or revoked
 * @param supersededBy the generated ID its entitlements moved to
 * @param bundleVersion grows with every change of its bundle
 */
public record Registration(UUID id, UUID providerId, String generatedId, String fingerprint, String certificateChainPem,
		String make, String model, int securityLevel, HdcpVersion maxHdcp, RegistrationStatus status,
		Instant registeredAt, @Nullable Instant endedAt, @Nullable String supersededBy, long bundleVersion) {

	@Override
	public String toString() {
		return "Registration[" + this.generatedId.substring(0, 6) + "…, " + this.fingerprint + ", " + this.status + "]";
	}

}
