package io.voucher.crypto.keys;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import io.voucher.crypto.internal.Jose;
import io.voucher.crypto.internal.KeySupport;
import io.voucher.crypto.pki.CertificateRejectedException;
import io.voucher.crypto.pki.KeyType;

/**
 * A license signing key (server side): an opaque EC P-256 key with its certificate chain
 * up to (not including) the license root; its {@code kid} is the RFC 7638 JWK thumbprint.
 */
public final class SigningKey {

	static {
		io.voucher.crypto.internal.PrivateKeys.register(SigningKey.class, (key) -> key.privateKey);
	}

	private final PrivateKey privateKey;

	private final List<X509Certificate> chain;

	private final String kid;

	private final JWSSigner signer;

	// Per typ: the header of every object of a type is the same, so it is encoded once.
	// The types are the module's constants, so the map stays tiny.
	private final Map<String, JWSHeader> headers = new ConcurrentHashMap<>();

	private SigningKey(PrivateKey privateKey, List<X509Certificate> chain) {
		if (chain.isEmpty()) {
			throw new IllegalArgumentException("a signing key needs its certificate");
		}
		PublicKey publicKey = KeySupport.onPreferredProvider(chain.get(0).getPublicKey());
		if (KeyType.of(publicKey) != KeyType.EC_P256) {
			throw new CertificateRejectedException(CertificateRejectedException.Reason.UNSUPPORTED_KEY,
					"license signing keys are EC P-256");
		}
		this.privateKey = KeySupport.onPreferredProvider(privateKey);
		this.chain = List.copyOf(chain);
		this.kid = thumbprint((ECPublicKey) publicKey);
		this.signer = Jose.signer(this.privateKey);
	}

	/**
	 * A signing key from its private key and chain.
	 * @param privateKey the EC P-256 private key
	 * @param chain its certificate first, intermediates after, the root excluded
	 * @return the signing key
	 */
	public static SigningKey of(PrivateKey privateKey, List<X509Certificate> chain) {
		return new SigningKey(privateKey, chain);
	}

	static String thumbprint(ECPublicKey key) {
		try {
			return new ECKey.Builder(Curve.P_256, key).build().computeThumbprint().toString();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The key id: base64url of the SHA-256 JWK thumbprint (RFC 7638).
	 * @return the kid
	 */
	public String kid() {
		return this.kid;
	}

	/**
	 * The signing certificate.
	 * @return the certificate
	 */
	public X509Certificate certificate() {
		return this.chain.get(0);
	}

	/**
	 * The chain carried in {@code x5c}.
	 * @return the chain, signing certificate first
	 */
	public List<X509Certificate> chain() {
		return this.chain;
	}

	/**
	 * The public key.
	 * @return the key
	 */
	public ECPublicKey publicKey() {
		return (ECPublicKey) KeySupport.onPreferredProvider(this.chain.get(0).getPublicKey());
	}

	/**
	 * The public JWK (with {@code kid}, {@code use=sig}, {@code alg=ES256}, {@code x5c}).
	 * @return the JWK
	 */
	public ECKey publicJwk() {
		return new ECKey.Builder(Curve.P_256, publicKey()).keyID(this.kid)
			.keyUse(KeyUse.SIGNATURE)
			.algorithm(JWSAlgorithm.ES256)
			.x509CertChain(Jose.encodeChain(this.chain))
			.build();
	}

	/**
	 * Signs claims as a compact JWS: ES256, {@code typ}, {@code kid}, {@code x5c}.
	 * @param type the {@code typ} header
	 * @param claims the payload
	 * @return the compact JWS
	 */
	public String sign(String type, Map<String, Object> claims) {
		JWSHeader header = this.headers.computeIfAbsent(type,
				(typ) -> Jose.header(JWSAlgorithm.ES256, typ, this.kid, this.chain));
		return Jose.sign(this.signer, header, claims);
	}

	@Override
	public String toString() {
		return "SigningKey[" + this.kid + "]";
	}

}
