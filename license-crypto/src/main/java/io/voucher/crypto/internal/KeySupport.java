package io.voucher.crypto.internal;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Key generation, conversion and digests, each on its chosen provider.
 */
public final class KeySupport {

	private KeySupport() {
	}

	/**
	 * Generates an EC P-256 key pair with Bouncy Castle (its keys then stay on its fast
	 * path).
	 * @return the key pair
	 */
	public static KeyPair generateP256() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", CryptoProviders.bouncyCastle());
			generator.initialize(new ECGenParameterSpec("secp256r1"), CryptoProviders.random());
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("EC P-256 key generation unavailable", ex);
		}
	}

	/**
	 * Generates an RSA key pair with the JDK provider.
	 * @param bits the modulus size
	 * @return the key pair
	 */
	public static KeyPair generateRsa(int bits) {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(bits, CryptoProviders.random());
			return generator.generateKeyPair();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("RSA key generation unavailable", ex);
		}
	}

	/**
	 * Whether a key is an EC key on P-256 (named curve).
	 * @param key the key
	 * @return whether it is
	 */
	public static boolean isP256(PublicKey key) {
		if (!"EC".equals(key.getAlgorithm()) && !"ECDSA".equals(key.getAlgorithm())) {
			return false;
		}
		try {
			SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(key.getEncoded());
			ASN1Encodable parameters = info.getAlgorithm().getParameters();
			return X9ObjectIdentifiers.id_ecPublicKey.equals(info.getAlgorithm().getAlgorithm())
					&& SECObjectIdentifiers.secp256r1.equals(parameters);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Re-creates a private key on the provider that will use it: Bouncy Castle for EC,
	 * the JDK for RSA, so no conversion happens on each operation.
	 * @param key the key
	 * @return the converted key
	 */
	public static PrivateKey onPreferredProvider(PrivateKey key) {
		try {
			if ("EC".equals(key.getAlgorithm()) || "ECDSA".equals(key.getAlgorithm())) {
				return KeyFactory.getInstance("EC", CryptoProviders.bouncyCastle())
					.generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
			}
			return KeyFactory.getInstance(key.getAlgorithm())
				.generatePrivate(new PKCS8EncodedKeySpec(key.getEncoded()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("unusable private key", ex);
		}
	}

	/**
	 * Re-creates a public key on the provider that will use it.
	 * @param key the key
	 * @return the converted key
	 */
	public static PublicKey onPreferredProvider(PublicKey key) {
		try {
			if ("EC".equals(key.getAlgorithm()) || "ECDSA".equals(key.getAlgorithm())) {
				return KeyFactory.getInstance("EC", CryptoProviders.bouncyCastle())
					.generatePublic(new X509EncodedKeySpec(key.getEncoded()));
			}
			return KeyFactory.getInstance(key.getAlgorithm()).generatePublic(new X509EncodedKeySpec(key.getEncoded()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("unusable public key", ex);
		}
	}

	/**
	 * Decodes a PKCS#8 private key (EC or RSA).
	 * @param pkcs8 the encoding
	 * @return the key
	 */
	public static PrivateKey decodePrivate(byte[] pkcs8) {
		for (String algorithm : new String[] { "EC", "RSA" }) {
			try {
				KeyFactory factory = "EC".equals(algorithm)
						? KeyFactory.getInstance("EC", CryptoProviders.bouncyCastle()) : KeyFactory.getInstance("RSA");
				return factory.generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
			}
			catch (GeneralSecurityException ex) {
				// try the next algorithm
			}
		}
		throw new IllegalArgumentException("not a PKCS#8 EC or RSA private key");
	}

	/**
	 * SHA-256 with the JDK provider.
	 * @param data the data
	 * @return the digest
	 */
	public static byte[] sha256(byte[] data) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(data);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Base64url without padding.
	 * @param data the data
	 * @return the text
	 */
	public static String base64Url(byte[] data) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(data);
	}

	/**
	 * Decodes base64url (padding tolerated).
	 * @param text the text
	 * @return the bytes
	 * @throws IllegalArgumentException if the text is not base64url
	 */
	public static byte[] fromBase64Url(String text) {
		return Base64.getUrlDecoder().decode(text);
	}

}
