package io.voucher.client;

import java.time.Instant;

import io.voucher.crypto.pki.DeviceCertificate;
import io.voucher.crypto.pki.DeviceFingerprint;
import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.SecurityLevel;

/**
 * The individualized device: what its certificate says.
 *
 * @param fingerprint the certificate's fingerprint
 * @param make the make
 * @param model the model
 * @param securityLevel the certified security level
 * @param maxHdcp the certified maximum HDCP version
 * @param certificateExpiresAt the certificate's notAfter
 */
public record DeviceInfo(DeviceFingerprint fingerprint, String make, String model, SecurityLevel securityLevel,
		HdcpVersion maxHdcp, Instant certificateExpiresAt) {

	static DeviceInfo of(DeviceCertificate certificate) {
		return new DeviceInfo(certificate.fingerprint(), certificate.make(), certificate.model(),
				certificate.securityLevel(), certificate.maxHdcp(),
				certificate.certificate().getNotAfter().toInstant());
	}

}
