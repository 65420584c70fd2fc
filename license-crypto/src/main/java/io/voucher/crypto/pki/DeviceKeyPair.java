package io.voucher.crypto.pki;

import java.io.IOException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Arrays;

import io.voucher.crypto.internal.CertificateSupport;
import io.voucher.crypto.internal.CryptoProviders;
import io.voucher.crypto.internal.KeySupport;
import io.voucher.crypto.internal.PrivateKeys;
import io.voucher.crypto.keys.SecretBytes;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A device key pair (device side): an opaque handle that makes the PKCS#10 request for
 * individualization and becomes a {@link DeviceIdentity} once certified.
 */
public final class DeviceKeyPair {

	static {
		PrivateKeys.register(DeviceKeyPair.class, (pair) -> pair.privateKey);
	}

	private final PrivateKey privateKey;

	private final PublicKey publicKey;

	private final KeyType type;

	private DeviceKeyPair(PrivateKey privateKey, PublicKey publicKey) {
		this.privateKey = KeySupport.onPreferredProvider(privateKey);
		this.publicKey = KeySupport.onPreferredProvider(publicKey);
		this.type = KeyType.of(this.publicKey);
	}

	/**
	 * Generates a key pair: EC P-256 or RSA 2048.
	 * @param type the key type
	 * @return the key pair
	 */
	public static DeviceKeyPair generate(KeyType type) {
		KeyPair pair = (type == KeyType.EC_P256) ? KeySupport.generateP256() : KeySupport.generateRsa(2048);
		return new DeviceKeyPair(pair.getPrivate(), pair.getPublic());
	}

	/**
	 * Restores a key pair from its PKCS#8 encoding (see {@link #exportPkcs8()}) and
	 * public key.
	 * @param pkcs8 the private key's PKCS#8 encoding
	 * @param publicKey the public key
	 * @return the key pair
	 */
	public static DeviceKeyPair restore(SecretBytes pkcs8, PublicKey publicKey) {
		byte[] encoded = pkcs8.toByteArray();
		try {
			return new DeviceKeyPair(KeySupport.decodePrivate(encoded), publicKey);
		}
		finally {
			Arrays.fill(encoded, (byte) 0);
		}
	}

	/**
	 * The key type.
	 * @return the type
	 */
	public KeyType type() {
		return this.type;
	}

	/**
	 * The public key.
	 * @return the key
	 */
	public PublicKey publicKey() {
		return this.publicKey;
	}

	/**
	 * The private key's PKCS#8 encoding, for storage in the device's secure store.
	 * @return the encoding
	 */
	public SecretBytes exportPkcs8() {
		return SecretBytes.copyOf(this.privateKey.getEncoded());
	}

	/**
	 * Makes the PKCS#10 request (DER) for this key, signed with it (SHA256withECDSA or
	 * SHA256withRSA). The subject is a placeholder: the Device CA writes its own.
	 * @return the DER request
	 */
	public byte[] createCsr() {
		try {
			ContentSigner signer = new JcaContentSignerBuilder(
					CertificateSupport.certificateSignatureAlgorithm(this.privateKey))
				.setProvider(CryptoProviders.bouncyCastle())
				.build(this.privateKey);
			return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=device"), this.publicKey).build(signer)
				.getEncoded();
		}
		catch (OperatorCreationException | IOException ex) {
			throw new IllegalStateException("request cannot be built", ex);
		}
	}

	/**
	 * Pairs this key with its certificate.
	 * @param certificate the device certificate issued for this key
	 * @return the device identity
	 * @throws IllegalArgumentException if the certificate is for another key
	 */
	public DeviceIdentity certified(DeviceCertificate certificate) {
		if (!Arrays.equals(certificate.publicKey().getEncoded(), this.publicKey.getEncoded())) {
			throw new IllegalArgumentException("the certificate is for another key");
		}
		return new DeviceIdentity(this, certificate);
	}

	@Override
	public String toString() {
		return "DeviceKeyPair[" + this.type + "]";
	}

}
