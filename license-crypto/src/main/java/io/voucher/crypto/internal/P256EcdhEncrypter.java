package io.voucher.crypto.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Set;

import javax.crypto.SecretKey;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWECryptoParts;
import com.nimbusds.jose.JWEEncrypter;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.crypto.impl.AAD;
import com.nimbusds.jose.crypto.impl.ECDH;
import com.nimbusds.jose.crypto.impl.ECDHCryptoProvider;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;

/**
 * ECDH-ES+A128KW with A128GCM to an EC P-256 key (RFC 7518 §4.6), byte-compatible with
 * Nimbus's {@code ECDHEncrypter} but much cheaper: Nimbus generates the ephemeral key
 * from the recipient key's explicit {@code ECParameterSpec}, for which Bouncy Castle
 * rebuilds the base point and its precomputed multiples on every call; a generator
 * initialised with the curve's name reuses Bouncy Castle's cached P-256 base point.
 *
 * <p>
 * ECDH and the ephemeral key run on Bouncy Castle; the Concat KDF (SHA-256), the AES key
 * wrap and AES-GCM on the JDK, through Nimbus's own helpers.
 */
public final class P256EcdhEncrypter extends ECDHCryptoProvider implements JWEEncrypter {

	// A constant because the superclass constructor asks for it before this class's
	// fields are set.
	private static final Set<Curve> CURVES = Set.of(Curve.P_256);

	private final ECPublicKey recipient;

	/**
	 * Creates an encrypter to a P-256 public key.
	 * @param recipient the recipient's key
	 * @throws JOSEException if the key is not on P-256
	 */
	public P256EcdhEncrypter(ECPublicKey recipient) throws JOSEException {
		super(Curve.forECParameterSpec(recipient.getParams()), null);
		this.recipient = recipient;
		getJCAContext().setSecureRandom(CryptoProviders.random());
	}

	@Override
	public Set<Curve> supportedEllipticCurves() {
		return CURVES;
	}

	/**
	 * Encrypts with the JWE's standard AAD (the protected header, including the
	 * {@code epk} added here).
	 * @param header the header, without {@code epk}
	 * @param clearText the plaintext
	 * @return the JWE parts
	 * @throws JOSEException if the header asks for anything but ECDH-ES+A128KW / A128GCM
	 */
	public JWECryptoParts encrypt(JWEHeader header, byte[] clearText) throws JOSEException {
		return encrypt(header, clearText, AAD.compute(header));
	}

	@Override
	public JWECryptoParts encrypt(JWEHeader header, byte[] clearText, byte[] aad) throws JOSEException {
		checkAlgorithms(header);
		KeyPair ephemeral = generateEphemeralKeyPair();
		JWEHeader updatedHeader = withEphemeralKey(header, ephemeral);
		// The default AAD is the encoded protected header, which now includes the epk;
		// a caller-supplied AAD is kept as given, as Nimbus's own encrypter does.
		byte[] effectiveAad = Arrays.equals(AAD.compute(header), aad) ? AAD.compute(updatedHeader) : aad;
		return encryptWithZ(updatedHeader, agree(ephemeral), clearText, effectiveAad);
	}

	/**
	 * Encrypts straight to the compact serialization, encoding the protected header once
	 * (Nimbus's {@code JWEObject} flow encodes it up to four times: for the AAD, the
	 * comparison above, the updated AAD and the serialization). Same bytes on the wire as
	 * {@code JWEObject.serialize()} after {@link #encrypt(JWEHeader, byte[])}.
	 * @param header the header, without {@code epk}
	 * @param clearText the plaintext
	 * @return the compact JWE
	 * @throws JOSEException if the header asks for anything but ECDH-ES+A128KW / A128GCM
	 */
	public String encryptCompact(JWEHeader header, byte[] clearText) throws JOSEException {
		checkAlgorithms(header);
		KeyPair ephemeral = generateEphemeralKeyPair();
		JWEHeader updatedHeader = withEphemeralKey(header, ephemeral);
		String encodedHeader = KeySupport.base64Url(updatedHeader.toString().getBytes(StandardCharsets.UTF_8));
		JWECryptoParts parts = encryptWithZ(updatedHeader, agree(ephemeral), clearText,
				encodedHeader.getBytes(StandardCharsets.US_ASCII));
		return encodedHeader + "." + parts.getEncryptedKey() + "." + parts.getInitializationVector() + "."
				+ parts.getCipherText() + "." + parts.getAuthenticationTag();
	}

	private static void checkAlgorithms(JWEHeader header) throws JOSEException {
		if (!JWEAlgorithm.ECDH_ES_A128KW.equals(header.getAlgorithm())
				|| !EncryptionMethod.A128GCM.equals(header.getEncryptionMethod())) {
			throw new JOSEException("only ECDH-ES+A128KW with A128GCM is supported, not " + header.getAlgorithm() + "/"
					+ header.getEncryptionMethod());
		}
		if (header.getCompressionAlgorithm() != null) {
			throw new JOSEException("compression is not supported");
		}
	}

	private static JWEHeader withEphemeralKey(JWEHeader header, KeyPair ephemeral) {
		return new JWEHeader.Builder(header)
			.ephemeralPublicKey(new ECKey.Builder(Curve.P_256, (ECPublicKey) ephemeral.getPublic()).build())
			.build();
	}

	private SecretKey agree(KeyPair ephemeral) throws JOSEException {
		return ECDH.deriveSharedSecret(this.recipient, ephemeral.getPrivate(), CryptoProviders.bouncyCastle());
	}

	private static KeyPair generateEphemeralKeyPair() throws JOSEException {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", CryptoProviders.bouncyCastle());
			generator.initialize(new ECGenParameterSpec("secp256r1"), CryptoProviders.random());
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new JOSEException("cannot generate an ephemeral P-256 key", ex);
		}
	}

}
