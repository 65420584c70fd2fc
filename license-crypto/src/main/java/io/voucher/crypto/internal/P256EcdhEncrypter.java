package io.voucher.crypto.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

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
 * ECDH and the ephemeral key run on Bouncy Castle; the Concat KDF (SHA-256, Nimbus's
 * helper), the AES key wrap and AES-GCM on the JDK.
 */
public final class P256EcdhEncrypter extends ECDHCryptoProvider implements JWEEncrypter {

	// A constant because the superclass constructor asks for it before this class's
	// fields are set.
	private static final Set<Curve> CURVES = Set.of(Curve.P_256);

	private static final int COORDINATE_BYTES = 32;

	private static final int TAG_BITS = 128;

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
	 * Encrypts straight to the compact serialization: the protected header encoded once
	 * (Nimbus's {@code JWEObject} flow encodes it up to four times), the ephemeral key
	 * written without Nimbus's on-curve check of a point this class has just generated,
	 * the AES key wrap and AES-GCM called on the JDK directly. Readable by any JOSE
	 * implementation, as the output of {@link #encrypt(JWEHeader, byte[])}.
	 * @param header the header, without {@code epk}
	 * @param clearText the plaintext
	 * @return the compact JWE
	 * @throws JOSEException if the header asks for anything but ECDH-ES+A128KW / A128GCM
	 */
	public String encryptCompact(JWEHeader header, byte[] clearText) throws JOSEException {
		checkAlgorithms(header);
		KeyPair ephemeral = generateEphemeralKeyPair();
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("alg", header.getAlgorithm().getName());
		json.put("enc", header.getEncryptionMethod().getName());
		json.putAll(header.toJSONObject());
		json.put("epk", publicJwk((ECPublicKey) ephemeral.getPublic()));
		String encodedHeader = KeySupport.base64Url(JsonWriter.write(json).getBytes(StandardCharsets.UTF_8));
		// The Concat KDF reads alg, enc, apu and apv, never epk.
		SecretKey keyEncryptionKey = ECDH.deriveSharedKey(header, agree(ephemeral), getConcatKDF());
		byte[] contentKey = new byte[16];
		byte[] iv = new byte[12];
		CryptoProviders.random().nextBytes(contentKey);
		CryptoProviders.random().nextBytes(iv);
		SecretKeySpec contentEncryptionKey = new SecretKeySpec(contentKey, "AES");
		try {
			Cipher wrap = Cipher.getInstance("AESWrap");
			wrap.init(Cipher.WRAP_MODE, keyEncryptionKey);
			byte[] encryptedKey = wrap.wrap(contentEncryptionKey);
			Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
			gcm.init(Cipher.ENCRYPT_MODE, contentEncryptionKey, new GCMParameterSpec(TAG_BITS, iv));
			gcm.updateAAD(encodedHeader.getBytes(StandardCharsets.US_ASCII));
			byte[] sealed = gcm.doFinal(clearText);
			int tagStart = sealed.length - TAG_BITS / 8;
			return encodedHeader + "." + KeySupport.base64Url(encryptedKey) + "." + KeySupport.base64Url(iv) + "."
					+ KeySupport.base64Url(Arrays.copyOfRange(sealed, 0, tagStart)) + "."
					+ KeySupport.base64Url(Arrays.copyOfRange(sealed, tagStart, sealed.length));
		}
		catch (GeneralSecurityException ex) {
			throw new JOSEException("key block encryption failed", ex);
		}
		finally {
			Arrays.fill(contentKey, (byte) 0);
		}
	}

	/**
	 * The public JWK of a P-256 point (RFC 7518 §6.2.1): coordinates as 32-byte
	 * big-endian, base64url.
	 */
	private static Map<String, Object> publicJwk(ECPublicKey key) {
		Map<String, Object> jwk = new LinkedHashMap<>();
		jwk.put("kty", "EC");
		jwk.put("crv", "P-256");
		jwk.put("x", KeySupport.base64Url(coordinate(key.getW().getAffineX())));
		jwk.put("y", KeySupport.base64Url(coordinate(key.getW().getAffineY())));
		return jwk;
	}

	static byte[] coordinate(BigInteger value) {
		byte[] bytes = value.toByteArray();
		byte[] result = new byte[COORDINATE_BYTES];
		int length = Math.min(bytes.length, COORDINATE_BYTES);
		System.arraycopy(bytes, bytes.length - length, result, COORDINATE_BYTES - length, length);
		return result;
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
