package io.voucher.api.cpix;

import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

import io.voucher.crypto.keys.SecretBytes;

/**
 * The keys of one encrypted CPIX answer (CPIX 2.3, "Key Management"): a random 256-bit
 * document key encrypts each content key with AES-256-CBC (PKCS #7 padding, random IV,
 * {@code CipherValue} = IV ‖ ciphertext); a random 512-bit MAC key authenticates each
 * {@code CipherValue} with HMAC-SHA512; both are encrypted to each recipient's
 * certificate with RSA-OAEP (SHA-1, MGF1 with SHA-1, as {@code xmlenc#rsa-oaep-mgf1p}
 * says). All primitives are the JDK's (SunJCE), which is the faster provider for RSA, AES
 * and HMAC on these machines.
 */
final class DocumentKey implements AutoCloseable {

	/** The sealed form of one content key. */
	record Sealed(byte[] cipherValue, byte[] mac) {
	}

	private static final OAEPParameterSpec OAEP_MGF1P = new OAEPParameterSpec("SHA-1", "MGF1", MGF1ParameterSpec.SHA1,
			PSource.PSpecified.DEFAULT);

	private final Provider provider;

	private final SecureRandom random;

	private final SecretBytes documentKey;

	private final SecretBytes macKey;

	private DocumentKey(Provider provider, SecureRandom random) {
		this.provider = provider;
		this.random = random;
		this.documentKey = SecretBytes.random(32);
		this.macKey = SecretBytes.random(64);
	}

	/**
	 * Makes fresh document and MAC keys.
	 * @param random the randomness for IVs
	 * @return the keys
	 */
	static DocumentKey generate(SecureRandom random) {
		Provider sunJce = Security.getProvider("SunJCE");
		if (sunJce == null) {
			throw new IllegalStateException("The JDK's SunJCE provider is not installed");
		}
		return new DocumentKey(sunJce, random);
	}

	/**
	 * The document key encrypted to a recipient.
	 * @param recipient the recipient's certificate
	 * @return the RSA-OAEP ciphertext
	 */
	byte[] documentKeyFor(X509Certificate recipient) {
		return wrap(recipient, this.documentKey);
	}

	/**
	 * The MAC key encrypted to a recipient.
	 * @param recipient the recipient's certificate
	 * @return the RSA-OAEP ciphertext
	 */
	byte[] macKeyFor(X509Certificate recipient) {
		return wrap(recipient, this.macKey);
	}

	/**
	 * Encrypts and authenticates one content key.
	 * @param contentKey the content key
	 * @return its {@code CipherValue} and {@code ValueMAC}
	 */
	Sealed seal(SecretBytes contentKey) {
		byte[] iv = new byte[16];
		this.random.nextBytes(iv);
		byte[] key = this.documentKey.toByteArray();
		byte[] plain = contentKey.toByteArray();
		byte[] macKeyBytes = this.macKey.toByteArray();
		try {
			Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding", this.provider);
			aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
			byte[] encrypted = aes.doFinal(plain);
			byte[] cipherValue = new byte[iv.length + encrypted.length];
			System.arraycopy(iv, 0, cipherValue, 0, iv.length);
			System.arraycopy(encrypted, 0, cipherValue, iv.length, encrypted.length);
			Mac hmac = Mac.getInstance("HmacSHA512", this.provider);
			hmac.init(new SecretKeySpec(macKeyBytes, "HmacSHA512"));
			return new Sealed(cipherValue, hmac.doFinal(cipherValue));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-256-CBC and HMAC-SHA512 are always available", ex);
		}
		finally {
			java.util.Arrays.fill(key, (byte) 0);
			java.util.Arrays.fill(plain, (byte) 0);
			java.util.Arrays.fill(macKeyBytes, (byte) 0);
		}
	}

	private byte[] wrap(X509Certificate recipient, SecretBytes secret) {
		byte[] bytes = secret.toByteArray();
		try {
			Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding", this.provider);
			rsa.init(Cipher.ENCRYPT_MODE, recipient.getPublicKey(), OAEP_MGF1P, this.random);
			return rsa.doFinal(bytes);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("RSA-OAEP to a checked RSA certificate failed", ex);
		}
		finally {
			java.util.Arrays.fill(bytes, (byte) 0);
		}
	}

	@Override
	public void close() {
		this.documentKey.destroy();
		this.macKey.destroy();
	}

	@Override
	public String toString() {
		return "DocumentKey[****]";
	}

}
