package io.voucher.crypto.keys;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.voucher.crypto.internal.CertificateSupport;
import io.voucher.crypto.internal.KeySupport;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * The license root CA (EC P-256, self-signed) that devices pin, able to certify license
 * signing keys. In production its key stays offline; development and tests generate one.
 */
public final class LicenseRoot {

	private final PrivateKey key;

	private final X509Certificate certificate;

	private final Clock clock;

	private LicenseRoot(PrivateKey key, X509Certificate certificate, Clock clock) {
		this.key = KeySupport.onPreferredProvider(key);
		this.certificate = certificate;
		this.clock = clock;
	}

	/**
	 * A root from its key and certificate.
	 * @param key the root's private key
	 * @param certificate the self-signed root certificate
	 * @param clock the clock that dates issued certificates
	 * @return the root
	 */
	public static LicenseRoot of(PrivateKey key, X509Certificate certificate, Clock clock) {
		return new LicenseRoot(key, certificate, clock);
	}

	/**
	 * Generates a root valid 20 years.
	 * @param name the common name
	 * @param clock the clock
	 * @return the root
	 */
	public static LicenseRoot generate(String name, Clock clock) {
		KeyPair keys = KeySupport.generateP256();
		X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Voucher")
			.addRDN(BCStyle.CN, name)
			.build();
		Instant now = clock.instant();
		X509Certificate certificate = CertificateSupport.build(subject, keys.getPrivate(), keys.getPublic(), subject,
				keys.getPublic(), now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(20 * 365)), true, 0,
				KeyUsage.keyCertSign | KeyUsage.cRLSign, List.of());
		return new LicenseRoot(keys.getPrivate(), certificate, clock);
	}

	/**
	 * The root certificate devices pin.
	 * @return the certificate
	 */
	public X509Certificate certificate() {
		return this.certificate;
	}

	/**
	 * The root's private key, to store it (development bootstrap only).
	 * @return the key
	 */
	PrivateKey privateKey() {
		return this.key;
	}

	/**
	 * Generates a new EC P-256 license signing key certified by this root.
	 * @param name the signing certificate's common name
	 * @param validity the validity of the signing certificate
	 * @return the signing key
	 */
	public SigningKey issueSigningKey(String name, Duration validity) {
		KeyPair keys = KeySupport.generateP256();
		X500Name issuer = X500Name.getInstance(this.certificate.getSubjectX500Principal().getEncoded());
		X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, "Voucher")
			.addRDN(BCStyle.CN, name)
			.build();
		Instant now = this.clock.instant();
		X509Certificate certificate = CertificateSupport.build(issuer, this.key, this.certificate.getPublicKey(),
				subject, keys.getPublic(), now.minus(Duration.ofHours(1)), now.plus(validity), false, -1,
				KeyUsage.digitalSignature, List.of());
		return SigningKey.of(keys.getPrivate(), List.of(certificate));
	}

}
