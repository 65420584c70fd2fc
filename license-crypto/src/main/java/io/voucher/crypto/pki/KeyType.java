package io.voucher.crypto.pki;

import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;

import io.voucher.crypto.internal.KeySupport;
import io.voucher.crypto.keys.KeyWrapAlgorithm;
import io.voucher.crypto.keys.SignatureAlgorithm;

/**
 * The device key types Voucher accepts: EC P-256 (preferred) and RSA of at least 2048
 * bits.
 */
public enum KeyType {

	/** EC on NIST P-256 (secp256r1). */
	EC_P256(SignatureAlgorithm.ES256, KeyWrapAlgorithm.ECDH_ES_A128KW),

	/** RSA, 2048 bits or more. */
	RSA(SignatureAlgorithm.PS256, KeyWrapAlgorithm.RSA_OAEP_256);

	/** The smallest RSA modulus accepted. */
	public static final int MIN_RSA_BITS = 2048;

	private final SignatureAlgorithm signatureAlgorithm;

	private final KeyWrapAlgorithm keyWrapAlgorithm;

	KeyType(SignatureAlgorithm signatureAlgorithm, KeyWrapAlgorithm keyWrapAlgorithm) {
		this.signatureAlgorithm = signatureAlgorithm;
		this.keyWrapAlgorithm = keyWrapAlgorithm;
	}

	/**
	 * The one signature algorithm allowed for keys of this type.
	 * @return the algorithm
	 */
	public SignatureAlgorithm signatureAlgorithm() {
		return this.signatureAlgorithm;
	}

	/**
	 * The key wrapping algorithm used to deliver keys to keys of this type.
	 * @return the algorithm
	 */
	public KeyWrapAlgorithm keyWrapAlgorithm() {
		return this.keyWrapAlgorithm;
	}

	/**
	 * The type of a public key.
	 * @param key the key
	 * @return the type
	 * @throws CertificateRejectedException with {@code WEAK_KEY} for RSA under 2048 bits
	 * and {@code UNSUPPORTED_KEY} for other curves and algorithms
	 */
	public static KeyType of(PublicKey key) {
		if (key instanceof RSAPublicKey rsa) {
			if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
				throw new CertificateRejectedException(CertificateRejectedException.Reason.WEAK_KEY,
						"RSA key of " + rsa.getModulus().bitLength() + " bits; at least " + MIN_RSA_BITS + " needed");
			}
			return RSA;
		}
		if (KeySupport.isP256(key)) {
			return EC_P256;
		}
		throw new CertificateRejectedException(CertificateRejectedException.Reason.UNSUPPORTED_KEY,
				"unsupported key: " + key.getAlgorithm() + "; EC P-256 or RSA 2048+ required");
	}

}
