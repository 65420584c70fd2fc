package io.voucher.crypto.internal;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECKey;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.util.Base64URL;

/**
 * ES256 (ECDSA on P-256 with SHA-256, RFC 7518 §3.4) split across the two providers where
 * each is fastest: SHA-256 on the JDK (hardware-accelerated), the elliptic-curve
 * arithmetic on Bouncy Castle ({@code NONEwithECDSA} over the digest). Bouncy Castle's
 * {@code SHA256withECDSA} would hash in pure Java, which costs more than the EC math for
 * a JWS carrying a certificate chain. The signatures are the same as
 * {@code SHA256withECDSA}'s: ECDSA signs the digest either way.
 */
public final class Es256 {

	private static final int SIGNATURE_LENGTH = 64;

	private Es256() {
	}

	/**
	 * Signs a JWS signing input.
	 * @param key the EC P-256 private key (on Bouncy Castle)
	 * @param signingInput the ASCII signing input
	 * @return the JOSE signature: R and S, 32 bytes each
	 * @throws GeneralSecurityException if the key cannot sign
	 */
	public static byte[] sign(PrivateKey key, byte[] signingInput) throws GeneralSecurityException {
		Signature ecdsa = Signature.getInstance("NONEwithECDSA", CryptoProviders.bouncyCastle());
		ecdsa.initSign(key, CryptoProviders.random());
		ecdsa.update(sha256(signingInput));
		try {
			return ECDSA.transcodeSignatureToConcat(ecdsa.sign(), SIGNATURE_LENGTH);
		}
		catch (JOSEException ex) {
			throw new GeneralSecurityException(ex);
		}
	}

	/**
	 * Verifies a JOSE ES256 signature. Refuses, as Nimbus does, a signature of the wrong
	 * length or with R or S out of range (zero, or not below the group order).
	 * @param key the EC P-256 public key (on Bouncy Castle)
	 * @param signingInput the ASCII signing input
	 * @param signature R and S, 32 bytes each
	 * @return whether the signature is valid
	 * @throws GeneralSecurityException if the key cannot verify
	 */
	public static boolean verify(PublicKey key, byte[] signingInput, byte[] signature) throws GeneralSecurityException {
		if (signature.length != SIGNATURE_LENGTH) {
			return false;
		}
		byte[] der;
		try {
			ECDSA.ensureLegalSignature(signature, JWSAlgorithm.ES256);
			der = ECDSA.transcodeSignatureToDER(signature);
		}
		catch (JOSEException ex) {
			return false;
		}
		Signature ecdsa = Signature.getInstance("NONEwithECDSA", CryptoProviders.bouncyCastle());
		ecdsa.initVerify(key);
		ecdsa.update(sha256(signingInput));
		try {
			return ecdsa.verify(der);
		}
		catch (java.security.SignatureException ex) {
			return false;
		}
	}

	private static byte[] sha256(byte[] data) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(data);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A Nimbus signer on {@link #sign}, for code that signs through Nimbus's
	 * {@code JWSObject}.
	 * @param key the EC P-256 private key
	 * @return the signer
	 * @throws JOSEException if the key is not an EC P-256 key
	 */
	public static JWSSigner signer(PrivateKey key) throws JOSEException {
		checkP256(key);
		return new Signer(key);
	}

	/**
	 * A Nimbus verifier on {@link #verify}; it refuses {@code crit} headers.
	 * @param key the EC P-256 public key
	 * @return the verifier
	 * @throws JOSEException if the key is not an EC P-256 key
	 */
	public static JWSVerifier verifier(PublicKey key) throws JOSEException {
		checkP256(key);
		return new Verifier(key);
	}

	private static void checkP256(java.security.Key key) throws JOSEException {
		if (!(key instanceof ECKey ec) || !JWSAlgorithm.ES256.equals(ECDSA.resolveAlgorithm(ec))) {
			throw new JOSEException("ES256 needs an EC P-256 key");
		}
	}

	private abstract static class Provider {

		private final JCAContext context = new JCAContext(CryptoProviders.bouncyCastle(), CryptoProviders.random());

		public Set<JWSAlgorithm> supportedJWSAlgorithms() {
			return Set.of(JWSAlgorithm.ES256);
		}

		public JCAContext getJCAContext() {
			return this.context;
		}

		static void checkAlgorithm(JWSHeader header) throws JOSEException {
			if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
				throw new JOSEException("only ES256 is supported, not " + header.getAlgorithm());
			}
		}

	}

	private static final class Signer extends Provider implements JWSSigner {

		private final PrivateKey key;

		Signer(PrivateKey key) {
			this.key = key;
		}

		@Override
		public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
			checkAlgorithm(header);
			try {
				return Base64URL.encode(Es256.sign(this.key, signingInput));
			}
			catch (GeneralSecurityException ex) {
				throw new JOSEException("ES256 signing failed", ex);
			}
		}

	}

	private static final class Verifier extends Provider implements JWSVerifier {

		private final PublicKey key;

		Verifier(PublicKey key) {
			this.key = key;
		}

		@Override
		public boolean verify(JWSHeader header, byte[] signedContent, Base64URL signature) throws JOSEException {
			checkAlgorithm(header);
			if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
				return false;
			}
			try {
				return Es256.verify(this.key, signedContent, signature.decode());
			}
			catch (GeneralSecurityException ex) {
				throw new JOSEException("ES256 verification failed", ex);
			}
		}

	}

}
