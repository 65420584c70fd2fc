package io.voucher.crypto.pki;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.voucher.crypto.internal.CertificateSupport;
import io.voucher.crypto.internal.CryptoProviders;
import io.voucher.crypto.internal.KeySupport;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * The Device CA: issues X.509 device certificates from PKCS#10 requests, with make and
 * model in the subject and the device attributes extension. Its own chain is a
 * self-signed root and, optionally, an intermediate that does the issuing.
 */
public final class DeviceCa {

	/** The default validity of a device certificate. */
	public static final Duration DEFAULT_DEVICE_VALIDITY = Duration.ofDays(3650);

	private final PrivateKey issuingKey;

	private final List<X509Certificate> chain;

	private final Clock clock;

	private final Duration deviceValidity;

	private DeviceCa(PrivateKey issuingKey, List<X509Certificate> chain, Clock clock, Duration deviceValidity) {
		if (chain.isEmpty()) {
			throw new IllegalArgumentException("the CA chain must hold at least the root");
		}
		if (deviceValidity.isNegative() || deviceValidity.isZero()) {
			throw new IllegalArgumentException("device validity must be positive");
		}
		this.issuingKey = KeySupport.onPreferredProvider(issuingKey);
		this.chain = List.copyOf(chain);
		this.clock = clock;
		this.deviceValidity = deviceValidity;
	}

	/**
	 * A Device CA from existing key material (for instance loaded from a keystore).
	 * @param issuingKey the private key of the issuing certificate
	 * @param chain the issuing certificate first, up to and including the root
	 * @param clock the clock that dates certificates
	 * @return the CA
	 */
	public static DeviceCa of(PrivateKey issuingKey, List<X509Certificate> chain, Clock clock) {
		return new DeviceCa(issuingKey, chain, clock, DEFAULT_DEVICE_VALIDITY);
	}

	/**
	 * Generates a new Device CA with EC P-256 keys: a self-signed root valid 20 years
	 * and, if asked, an intermediate valid 10 years that issues device certificates.
	 * @param name the CA's common name
	 * @param withIntermediate whether to issue through an intermediate
	 * @param clock the clock that dates certificates
	 * @return the CA
	 */
	public static DeviceCa generate(String name, boolean withIntermediate, Clock clock) {
		Instant now = clock.instant();
		KeyPair rootKeys = KeySupport.generateP256();
		X500Name rootName = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Voucher")
			.addRDN(BCStyle.CN, name + " Root")
			.build();
		X509Certificate root = CertificateSupport.build(rootName, rootKeys.getPrivate(), rootKeys.getPublic(), rootName,
				rootKeys.getPublic(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(20 * 365)), true,
				withIntermediate ? 1 : 0, KeyUsage.keyCertSign | KeyUsage.cRLSign, List.of());
		if (!withIntermediate) {
			return new DeviceCa(rootKeys.getPrivate(), List.of(root), clock, DEFAULT_DEVICE_VALIDITY);
		}
		KeyPair intermediateKeys = KeySupport.generateP256();
		X500Name intermediateName = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Voucher")
			.addRDN(BCStyle.CN, name + " Issuing CA")
			.build();
		X509Certificate intermediate = CertificateSupport.build(rootName, rootKeys.getPrivate(), rootKeys.getPublic(),
				intermediateName, intermediateKeys.getPublic(), now.minus(Duration.ofHours(1)),
				now.plus(Duration.ofDays(10 * 365)), true, 0, KeyUsage.keyCertSign | KeyUsage.cRLSign, List.of());
		return new DeviceCa(intermediateKeys.getPrivate(), List.of(intermediate, root), clock, DEFAULT_DEVICE_VALIDITY);
	}

	/**
	 * This CA with another validity for the device certificates it issues.
	 * @param validity the validity
	 * @return a CA with that validity
	 */
	public DeviceCa withDeviceValidity(Duration validity) {
		return new DeviceCa(this.issuingKey, this.chain, this.clock, validity);
	}

	/**
	 * The self-signed root: the trust anchor of the devices this CA certifies.
	 * @return the root
	 */
	public X509Certificate root() {
		return this.chain.get(this.chain.size() - 1);
	}

	/**
	 * The CA chain, issuing certificate first, root last.
	 * @return the chain
	 */
	public List<X509Certificate> chain() {
		return this.chain;
	}

	/**
	 * Issues a device certificate from a PKCS#10 request. Only the request's key is used
	 * (after its signature, the proof of possession, is checked); the subject is
	 * {@code CN=<base64url SHA-256 of the key>, OU=<model>, O=<make>}.
	 * @param csrDer the DER of the request
	 * @param profile make, model, security level and maximum HDCP version
	 * @return the device certificate with its chain (issuing CA certificates, not the
	 * root)
	 * @throws CsrRejectedException if the request is malformed, its signature does not
	 * verify or its key is refused
	 */
	public DeviceCertificate issue(byte[] csrDer, DeviceProfile profile) {
		PublicKey key;
		try {
			JcaPKCS10CertificationRequest request = new JcaPKCS10CertificationRequest(csrDer)
				.setProvider(CryptoProviders.bouncyCastle());
			key = request.getPublicKey();
			boolean valid;
			try {
				valid = request.isSignatureValid(
						new JcaContentVerifierProviderBuilder().setProvider(CryptoProviders.bouncyCastle()).build(key));
			}
			catch (PKCSException | OperatorCreationException | RuntimeException ex) {
				valid = false;
			}
			if (!valid) {
				throw new CsrRejectedException(CsrRejectedException.Reason.BAD_SIGNATURE,
						"the request's signature does not verify");
			}
		}
		catch (IOException | GeneralSecurityException | RuntimeException ex) {
			if (ex instanceof CsrRejectedException rejected) {
				throw rejected;
			}
			throw new CsrRejectedException(CsrRejectedException.Reason.MALFORMED, "not a PKCS#10 request", ex);
		}
		return issue(key, profile);
	}

	/**
	 * Issues a device certificate for a public key whose possession was proven otherwise.
	 * @param key the device's public key
	 * @param profile make, model, security level and maximum HDCP version
	 * @return the device certificate with its chain (issuing CA certificates, not the
	 * root)
	 */
	public DeviceCertificate issue(PublicKey key, DeviceProfile profile) {
		KeyType keyType;
		try {
			keyType = KeyType.of(key);
		}
		catch (CertificateRejectedException ex) {
			throw new CsrRejectedException((ex.reason() == CertificateRejectedException.Reason.WEAK_KEY)
					? CsrRejectedException.Reason.WEAK_KEY : CsrRejectedException.Reason.UNSUPPORTED_KEY,
					ex.getMessage());
		}
		Instant now = this.clock.instant();
		X509Certificate issuer = this.chain.get(0);
		X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, profile.make())
			.addRDN(BCStyle.OU, profile.model())
			.addRDN(BCStyle.CN, KeySupport.base64Url(KeySupport.sha256(key.getEncoded())))
			.build();
		int usage = KeyUsage.digitalSignature
				| ((keyType == KeyType.EC_P256) ? KeyUsage.keyAgreement : KeyUsage.keyEncipherment);
		Extension attributes;
		try {
			attributes = new Extension(DeviceAttributesExtension.ASN1_OID, false,
					new DEROctetString(DeviceAttributesExtension.encode(profile.securityLevel(), profile.maxHdcp())));
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException(ex);
		}
		X509Certificate certificate = CertificateSupport.build(
				X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()), this.issuingKey,
				issuer.getPublicKey(), subject, key, now.minus(Duration.ofMinutes(5)), now.plus(this.deviceValidity),
				false, -1, usage, List.of(attributes));
		List<X509Certificate> deviceChain = new ArrayList<>();
		deviceChain.add(certificate);
		deviceChain.addAll(this.chain.subList(0, this.chain.size() - 1));
		return DeviceCertificate.parse(deviceChain);
	}

}
