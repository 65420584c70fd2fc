package io.voucher.crypto.internal;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Set;

import io.voucher.crypto.pki.CertificateRejectedException;
import io.voucher.crypto.pki.CertificateRejectedException.Reason;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Parsing, building and chain-checking X.509 certificates with Bouncy Castle.
 */
public final class CertificateSupport {

	/** Key usage bit: digitalSignature. */
	public static final int DIGITAL_SIGNATURE = 0;

	/** Key usage bit: keyEncipherment. */
	public static final int KEY_ENCIPHERMENT = 2;

	/** Key usage bit: keyAgreement. */
	public static final int KEY_AGREEMENT = 4;

	/** Key usage bit: keyCertSign. */
	public static final int KEY_CERT_SIGN = 5;

	private static final Set<String> UNDERSTOOD_CRITICAL = Set.of(Extension.keyUsage.getId(),
			Extension.basicConstraints.getId(), Extension.extendedKeyUsage.getId());

	private CertificateSupport() {
	}

	/**
	 * Parses one DER certificate.
	 * @param der the DER
	 * @return the certificate
	 * @throws CertificateRejectedException with {@code MALFORMED}
	 */
	public static X509Certificate parse(byte[] der) {
		try {
			CertificateFactory factory = CertificateFactory.getInstance("X.509", CryptoProviders.bouncyCastle());
			X509Certificate certificate = (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der));
			if (certificate == null) {
				throw new CertificateException("no certificate");
			}
			return certificate;
		}
		catch (CertificateException | RuntimeException ex) {
			throw new CertificateRejectedException(Reason.MALFORMED, "certificate cannot be parsed", ex);
		}
	}

	/**
	 * A positive random serial number of at most 159 bits (RFC 5280 4.1.2.2).
	 * @return the serial
	 */
	public static BigInteger randomSerial() {
		BigInteger serial;
		do {
			serial = new BigInteger(159, CryptoProviders.random());
		}
		while (serial.signum() == 0);
		return serial;
	}

	/**
	 * The JCA signature algorithm a CA key signs certificates with.
	 * @param key the key
	 * @return the algorithm name
	 */
	public static String certificateSignatureAlgorithm(PrivateKey key) {
		return "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
	}

	/**
	 * Builds and signs a certificate.
	 * @param issuer the issuer's name
	 * @param issuerKey the issuer's private key
	 * @param issuerPublicKey the issuer's public key (for the authority key identifier)
	 * @param subject the subject's name
	 * @param subjectKey the subject's public key
	 * @param notBefore start of validity
	 * @param notAfter end of validity
	 * @param ca whether the subject is a CA
	 * @param pathLength for a CA, the path length constraint, or -1 for none
	 * @param keyUsage the key usage bits (BC {@link KeyUsage} constants)
	 * @param extraExtensions further non-critical extensions as (OID, DER value) pairs
	 * @return the certificate
	 */
	public static X509Certificate build(X500Name issuer, PrivateKey issuerKey, PublicKey issuerPublicKey,
			X500Name subject, PublicKey subjectKey, Instant notBefore, Instant notAfter, boolean ca, int pathLength,
			int keyUsage, List<Extension> extraExtensions) {
		try {
			X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, randomSerial(),
					Date.from(notBefore), Date.from(notAfter), subject, subjectKey);
			JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
			builder.addExtension(Extension.basicConstraints, true,
					ca ? (pathLength >= 0 ? new BasicConstraints(pathLength) : new BasicConstraints(true))
							: new BasicConstraints(false));
			builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsage));
			builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(subjectKey));
			builder.addExtension(Extension.authorityKeyIdentifier, false,
					utils.createAuthorityKeyIdentifier(issuerPublicKey));
			for (Extension extension : extraExtensions) {
				builder.addExtension(extension);
			}
			ContentSigner signer = new JcaContentSignerBuilder(certificateSignatureAlgorithm(issuerKey))
				.setProvider(CryptoProviders.bouncyCastle())
				.build(issuerKey);
			return new JcaX509CertificateConverter().setProvider(CryptoProviders.bouncyCastle())
				.getCertificate(builder.build(signer));
		}
		catch (CertIOException | OperatorCreationException | GeneralSecurityException ex) {
			throw new IllegalStateException("certificate cannot be built", ex);
		}
	}

	/**
	 * Checks a chain (leaf first) up to one of the trust anchors: signatures, validity at
	 * {@code now}, basic constraints and key usage of every issuer, unknown critical
	 * extensions. The leaf's own key usage is the caller's to check.
	 * @param chain the chain, leaf first, root optional
	 * @param anchors the trusted roots
	 * @param now the time of validation
	 * @throws CertificateRejectedException with the reason of the first failure
	 */
	public static void checkChain(List<X509Certificate> chain, Collection<X509Certificate> anchors, Instant now) {
		if (chain.isEmpty()) {
			throw new CertificateRejectedException(Reason.MALFORMED, "empty certificate chain");
		}
		Date date = Date.from(now);
		for (int i = 0; i < chain.size(); i++) {
			X509Certificate certificate = chain.get(i);
			checkCertificate(certificate, date, i > 0, i - 1);
			if (i + 1 < chain.size()) {
				X509Certificate issuer = chain.get(i + 1);
				if (!certificate.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
					throw new CertificateRejectedException(Reason.MALFORMED, "certificate chain out of order");
				}
				verifySignature(certificate, issuer.getPublicKey());
			}
		}
		X509Certificate top = chain.get(chain.size() - 1);
		for (X509Certificate anchor : anchors) {
			if (anchor.equals(top)) {
				return;
			}
		}
		CertificateRejectedException failure = null;
		for (X509Certificate anchor : anchors) {
			if (!anchor.getSubjectX500Principal().equals(top.getIssuerX500Principal())) {
				continue;
			}
			try {
				verifySignature(top, anchor.getPublicKey());
				checkCertificate(anchor, date, true, chain.size() - 1);
				return;
			}
			catch (CertificateRejectedException ex) {
				failure = ex;
			}
		}
		if (failure != null) {
			throw failure;
		}
		throw new CertificateRejectedException(Reason.UNKNOWN_ROOT, "certificate chain does not end at a trusted root");
	}

	/**
	 * Whether the certificate's key usage has a bit; a certificate without key usage
	 * allows all.
	 * @param certificate the certificate
	 * @param bit the bit
	 * @return whether it has it
	 */
	public static boolean hasKeyUsage(X509Certificate certificate, int bit) {
		boolean[] usage = certificate.getKeyUsage();
		return usage == null || (usage.length > bit && usage[bit]);
	}

	private static void checkCertificate(X509Certificate certificate, Date date, boolean issuer,
			int certificatesBelowThatAreCas) {
		Set<String> critical = certificate.getCriticalExtensionOIDs();
		if (critical != null) {
			for (String oid : critical) {
				if (!UNDERSTOOD_CRITICAL.contains(oid)) {
					throw new CertificateRejectedException(Reason.UNKNOWN_CRITICAL_EXTENSION,
							"unknown critical extension " + oid);
				}
			}
		}
		try {
			certificate.checkValidity(date);
		}
		catch (CertificateExpiredException ex) {
			throw new CertificateRejectedException(Reason.EXPIRED,
					"certificate expired on " + certificate.getNotAfter().toInstant());
		}
		catch (CertificateNotYetValidException ex) {
			throw new CertificateRejectedException(Reason.NOT_YET_VALID,
					"certificate not valid before " + certificate.getNotBefore().toInstant());
		}
		if (issuer) {
			int pathLength = certificate.getBasicConstraints();
			if (pathLength < 0) {
				throw new CertificateRejectedException(Reason.NOT_A_CA, "an issuing certificate is not a CA");
			}
			if (certificatesBelowThatAreCas > pathLength) {
				throw new CertificateRejectedException(Reason.NOT_A_CA, "path length constraint exceeded");
			}
			if (!hasKeyUsage(certificate, KEY_CERT_SIGN)) {
				throw new CertificateRejectedException(Reason.WRONG_KEY_USAGE,
						"an issuing certificate may not sign certificates");
			}
		}
	}

	private static void verifySignature(X509Certificate certificate, PublicKey issuerKey) {
		try {
			certificate.verify(issuerKey, CryptoProviders.bouncyCastle());
		}
		catch (GeneralSecurityException | RuntimeException ex) {
			throw new CertificateRejectedException(Reason.BAD_SIGNATURE, "certificate signature does not verify", ex);
		}
	}

	/**
	 * Whether two certificate lists hold the same certificates.
	 * @param a one list
	 * @param b the other
	 * @return whether they are equal
	 */
	public static boolean sameEncoding(X509Certificate a, X509Certificate b) {
		try {
			return Arrays.equals(a.getEncoded(), b.getEncoded());
		}
		catch (CertificateException ex) {
			return false;
		}
	}

}
