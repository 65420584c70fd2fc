package io.voucher.crypto.pki;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.regex.Pattern;

import io.voucher.crypto.internal.KeySupport;

/**
 * The identity of a device certificate: base64url (no padding) of the SHA-256 of its DER.
 *
 * @param value the 43-character base64url text
 */
public record DeviceFingerprint(String value) {

	private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{43}");

	public DeviceFingerprint {
		if (!FORMAT.matcher(value).matches()) {
			throw new IllegalArgumentException("a device fingerprint is 43 base64url characters");
		}
	}

	/**
	 * The fingerprint of a DER-encoded certificate.
	 * @param der the certificate's DER
	 * @return the fingerprint
	 */
	public static DeviceFingerprint ofDer(byte[] der) {
		return new DeviceFingerprint(KeySupport.base64Url(KeySupport.sha256(der)));
	}

	/**
	 * The fingerprint of a certificate.
	 * @param certificate the certificate
	 * @return the fingerprint
	 */
	public static DeviceFingerprint of(X509Certificate certificate) {
		try {
			return ofDer(certificate.getEncoded());
		}
		catch (CertificateEncodingException ex) {
			throw new CertificateRejectedException(CertificateRejectedException.Reason.MALFORMED,
					"certificate cannot be encoded", ex);
		}
	}

	@Override
	public String toString() {
		return this.value;
	}

}
