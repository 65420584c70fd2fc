package io.voucher.crypto.keys;

import com.nimbusds.jose.JWSAlgorithm;

/**
 * The JWS signature algorithms Voucher produces and accepts: ES256 for EC P-256 keys and
 * PS256 for RSA keys. Never {@code none}, never an HMAC.
 */
public enum SignatureAlgorithm {

	/** ECDSA with P-256 and SHA-256 (RFC 7518 3.4). */
	ES256(JWSAlgorithm.ES256),

	/** RSASSA-PSS with SHA-256 and MGF1 with SHA-256 (RFC 7518 3.5). */
	PS256(JWSAlgorithm.PS256);

	private final JWSAlgorithm jose;

	SignatureAlgorithm(JWSAlgorithm jose) {
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
	public JWSAlgorithm jose() {
		return this.jose;
	}

}
