package io.voucher.registry.trust;

import java.security.cert.X509Certificate;
import java.time.Instant;

/**
 * A manufacturer root trusted for device certificates.
 *
 * @param fingerprint base64url SHA-256 of the certificate's DER
 * @param label a name for people
 * @param subject the certificate's subject
 * @param certificate the certificate
 * @param notAfter when it expires
 * @param addedAt when it was added
 * @param addedBy who added it
 */
public record TrustedRoot(String fingerprint, String label, String subject, X509Certificate certificate,
		Instant notAfter, Instant addedAt, String addedBy) {

}
