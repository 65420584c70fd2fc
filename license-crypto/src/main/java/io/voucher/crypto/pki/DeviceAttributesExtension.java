package io.voucher.crypto.pki;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Enumerated;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERSequence;
import org.jspecify.annotations.Nullable;

/**
 * The device attributes X.509 extension: non-critical, OID {@value #OID}, value
 * {@code DeviceAttributes ::= SEQUENCE { securityLevel INTEGER (1..5), maxHdcp ENUMERATED
 * { hdcpNone(0), hdcpV1(1), hdcpV2(2) } }}.
 */
public final class DeviceAttributesExtension {

	/**
	 * Voucher's private arc: a UUID OID (ITU-T X.667, no registration needed).
	 */
	public static final String VOUCHER_ARC = "2.25.165936340628795964201384204177468248005";

	/** The extension's OID: Voucher arc .1 (X.509 extensions) .1 (device attributes). */
	public static final String OID = "2.25.165936340628795964201384204177468248005.1.1";

	static final ASN1ObjectIdentifier ASN1_OID = new ASN1ObjectIdentifier(OID);

	private DeviceAttributesExtension() {
	}

	/**
	 * The DER of the extension value (the content of the extnValue OCTET STRING).
	 * @param securityLevel the security level
	 * @param maxHdcp the maximum HDCP version
	 * @return the DER
	 */
	public static byte[] encode(SecurityLevel securityLevel, HdcpVersion maxHdcp) {
		try {
			return new DERSequence(new ASN1Encodable[] { new ASN1Integer(securityLevel.value()),
					new ASN1Enumerated(maxHdcp.derValue()) })
				.getEncoded("DER");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Reads the extension from a certificate.
	 * @param certificate the certificate
	 * @return the attributes, or {@code null} if the certificate has no such extension
	 * @throws CertificateRejectedException with {@code MALFORMED} if the value cannot be
	 * decoded
	 */
	public static @Nullable Attributes read(X509Certificate certificate) {
		byte[] extnValue = certificate.getExtensionValue(OID);
		if (extnValue == null) {
			return null;
		}
		try {
			byte[] der = ASN1OctetString.getInstance(extnValue).getOctets();
			ASN1Sequence sequence = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
			if (sequence.size() != 2) {
				throw new IllegalArgumentException("two elements expected");
			}
			BigInteger level = ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue();
			BigInteger hdcp = ASN1Enumerated.getInstance(sequence.getObjectAt(1)).getValue();
			return new Attributes(SecurityLevel.of(level.intValueExact()),
					HdcpVersion.ofDerValue(hdcp.intValueExact()));
		}
		catch (IOException | RuntimeException ex) {
			throw new CertificateRejectedException(CertificateRejectedException.Reason.MALFORMED,
					"device attributes extension cannot be decoded", ex);
		}
	}

	/**
	 * The decoded extension.
	 *
	 * @param securityLevel the security level
	 * @param maxHdcp the maximum HDCP version
	 */
	public record Attributes(SecurityLevel securityLevel, HdcpVersion maxHdcp) {
	}

}
