package io.voucher.crypto.pki;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import io.voucher.crypto.internal.CertificateSupport;
import io.voucher.crypto.internal.KeySupport;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.jspecify.annotations.Nullable;

/**
 * A device certificate with its chain and what Voucher reads from it: key, fingerprint,
 * make, model, security level and maximum HDCP version. Obtain a trusted one from
 * {@link DeviceChainValidator#validate}; {@link #parse} reads one without checking trust.
 */
public final class DeviceCertificate {

	private final List<X509Certificate> chain;

	private final PublicKey publicKey;

	private final KeyType keyType;

	private final DeviceFingerprint fingerprint;

	private final String make;

	private final String model;

	private final SecurityLevel securityLevel;

	private final HdcpVersion maxHdcp;

	private DeviceCertificate(List<X509Certificate> chain, PublicKey publicKey, KeyType keyType,
			DeviceFingerprint fingerprint, String make, String model, SecurityLevel securityLevel,
			HdcpVersion maxHdcp) {
		this.chain = chain;
		this.publicKey = publicKey;
		this.keyType = keyType;
		this.fingerprint = fingerprint;
		this.make = make;
		this.model = model;
		this.securityLevel = securityLevel;
		this.maxHdcp = maxHdcp;
	}

	/**
	 * Reads a device certificate chain (leaf first) without checking signatures or trust.
	 * @param chain the chain, leaf first
	 * @return the device certificate
	 * @throws CertificateRejectedException if it is malformed, lacks the device
	 * attributes or has a refused key
	 */
	public static DeviceCertificate parse(List<X509Certificate> chain) {
		if (chain.isEmpty()) {
			throw new CertificateRejectedException(CertificateRejectedException.Reason.MALFORMED,
					"empty certificate chain");
		}
		X509Certificate leaf = chain.get(0);
		PublicKey key = KeySupport.onPreferredProvider(leaf.getPublicKey());
		KeyType keyType = KeyType.of(key);
		DeviceAttributesExtension.Attributes attributes = DeviceAttributesExtension.read(leaf);
		X500Name subject = X500Name.getInstance(leaf.getSubjectX500Principal().getEncoded());
		String make = rdn(subject, BCStyle.O);
		String model = rdn(subject, BCStyle.OU);
		if (attributes == null || make == null || model == null) {
			throw new CertificateRejectedException(CertificateRejectedException.Reason.MISSING_DEVICE_ATTRIBUTES,
					"not a device certificate: device attributes extension, O (make) and OU (model) are required");
		}
		return new DeviceCertificate(List.copyOf(chain), key, keyType, DeviceFingerprint.of(leaf), make, model,
				attributes.securityLevel(), attributes.maxHdcp());
	}

	/**
	 * Reads a device certificate chain from DER encodings (leaf first), without checking
	 * trust.
	 * @param chainDer the DER certificates
	 * @return the device certificate
	 */
	public static DeviceCertificate parseDer(List<byte[]> chainDer) {
		List<X509Certificate> chain = new ArrayList<>();
		for (byte[] der : chainDer) {
			chain.add(CertificateSupport.parse(der));
		}
		return parse(chain);
	}

	private static @Nullable String rdn(X500Name name, ASN1ObjectIdentifier type) {
		RDN[] rdns = name.getRDNs(type);
		return (rdns.length == 0) ? null : IETFUtils.valueToString(rdns[0].getFirst().getValue());
	}

	/**
	 * The device certificate itself.
	 * @return the leaf certificate
	 */
	public X509Certificate certificate() {
		return this.chain.get(0);
	}

	/**
	 * The chain, leaf first, as presented (usually without the root).
	 * @return the chain
	 */
	public List<X509Certificate> chain() {
		return this.chain;
	}

	/**
	 * The DER encodings of the chain, leaf first.
	 * @return the encodings
	 */
	public List<byte[]> chainDer() {
		List<byte[]> result = new ArrayList<>();
		for (X509Certificate certificate : this.chain) {
			try {
				result.add(certificate.getEncoded());
			}
			catch (java.security.cert.CertificateEncodingException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return result;
	}

	/**
	 * The device's public key.
	 * @return the key
	 */
	public PublicKey publicKey() {
		return this.publicKey;
	}

	/**
	 * The device's key type.
	 * @return the type
	 */
	public KeyType keyType() {
		return this.keyType;
	}

	/**
	 * The fingerprint of the device certificate.
	 * @return the fingerprint
	 */
	public DeviceFingerprint fingerprint() {
		return this.fingerprint;
	}

	/**
	 * The make (subject O).
	 * @return the make
	 */
	public String make() {
		return this.make;
	}

	/**
	 * The model (subject OU).
	 * @return the model
	 */
	public String model() {
		return this.model;
	}

	/**
	 * The security level from the device attributes extension.
	 * @return the level
	 */
	public SecurityLevel securityLevel() {
		return this.securityLevel;
	}

	/**
	 * The maximum HDCP version from the device attributes extension.
	 * @return the version
	 */
	public HdcpVersion maxHdcp() {
		return this.maxHdcp;
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof DeviceCertificate device && device.fingerprint.equals(this.fingerprint);
	}

	@Override
	public int hashCode() {
		return this.fingerprint.hashCode();
	}

	@Override
	public String toString() {
		return "DeviceCertificate[" + this.fingerprint + ", " + this.make + " " + this.model + ", level "
				+ this.securityLevel.value() + ", " + this.maxHdcp + "]";
	}

}
