package io.voucher.crypto.keys;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;

/**
 * The JWE key management algorithms Voucher uses to deliver keys to a device or group;
 * the content encryption is always A128GCM.
 */
public enum KeyWrapAlgorithm {

	/**
	 * ECDH-ES with an ephemeral P-256 key, Concat KDF, AES-128 key wrap (RFC 7518 4.6).
	 */
	ECDH_ES_A128KW(JWEAlgorithm.ECDH_ES_A128KW),

	/** RSAES-OAEP with SHA-256 and MGF1 with SHA-256 (RFC 7518 4.3). */
	RSA_OAEP_256(JWEAlgorithm.RSA_OAEP_256);

	/** The content encryption of every Voucher JWE. */
	public static final EncryptionMethod CONTENT_ENCRYPTION = EncryptionMethod.A128GCM;

	private final JWEAlgorithm jose;

	KeyWrapAlgorithm(JWEAlgorithm jose) {
		this.jose = jose;
	}

	/**
	 * The JOSE {@code alg} name.
	 * @return the name
	 */
	public String joseName() {
		return this.jose.getName();
	}

	/**
	 * The Nimbus algorithm.
	 * @return the algorithm
	 */
	public JWEAlgorithm jose() {
		return this.jose;
	}

}
