package io.voucher.crypto.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEDecrypter;
import com.nimbusds.jose.JWEEncrypter;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.jspecify.annotations.Nullable;

/**
 * The module's JOSE configuration: which algorithms, which providers (Bouncy Castle for
 * the EC arithmetic of ECDSA and ECDH, the JDK for RSA, AES-GCM and SHA-256, also the
 * SHA-256 inside ES256), and strict parsing.
 */
public final class Jose {

	private static final Set<JWSAlgorithm> SIGNATURE_ALGORITHMS = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.PS256);

	private static final Set<JWEAlgorithm> KEY_WRAP_ALGORITHMS = Set.of(JWEAlgorithm.ECDH_ES_A128KW,
			JWEAlgorithm.RSA_OAEP_256);

	// The base64url alphabet (RFC 4648 §5), by character.
	private static final boolean[] BASE64URL = new boolean[128];

	static {
		for (char c : "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".toCharArray()) {
			BASE64URL[c] = true;
		}
	}

	private Jose() {
	}

	/**
	 * A signer for a private key: ES256 for EC P-256 ({@link Es256}: SHA-256 on the JDK,
	 * ECDSA on Bouncy Castle), PS256 on the JDK for RSA.
	 * @param key the key
	 * @return the signer
	 */
	public static JWSSigner signer(PrivateKey key) {
		try {
			if (key instanceof ECPrivateKey) {
				return Es256.signer(key);
			}
			return new RSASSASigner(key);
		}
		catch (JOSEException ex) {
			throw new IllegalArgumentException("unusable signing key", ex);
		}
	}

	/**
	 * The signature algorithm of a key.
	 * @param key the key
	 * @return ES256 or PS256
	 */
	public static JWSAlgorithm signatureAlgorithm(PublicKey key) {
		if (key instanceof RSAPublicKey) {
			return JWSAlgorithm.PS256;
		}
		if (KeySupport.isP256(key)) {
			return JWSAlgorithm.ES256;
		}
		throw new JoseProblem(JoseProblem.Kind.ALGORITHM_NOT_ALLOWED, "no signature algorithm for this key");
	}

	/**
	 * A verifier for a public key, on the same providers as {@link #signer}.
	 * @param key the key
	 * @return the verifier
	 */
	public static JWSVerifier verifier(PublicKey key) {
		try {
			if (key instanceof ECPublicKey) {
				return Es256.verifier(key);
			}
			if (key instanceof RSAPublicKey rsa) {
				return new RSASSAVerifier(rsa);
			}
		}
		catch (JOSEException ex) {
			throw new JoseProblem(JoseProblem.Kind.ALGORITHM_NOT_ALLOWED, "unusable verification key", ex);
		}
		throw new JoseProblem(JoseProblem.Kind.ALGORITHM_NOT_ALLOWED, "unusable verification key");
	}

	/**
	 * An encrypter to a public key: ECDH-ES+A128KW to a P-256 key
	 * ({@link P256EcdhEncrypter}: ECDH on Bouncy Castle, key wrap and content encryption
	 * on the JDK) or RSA-OAEP-256 (JDK, explicit OAEP parameters); content encryption on
	 * the JDK.
	 * @param key the recipient's key
	 * @return the encrypter
	 */
	public static JWEEncrypter encrypter(PublicKey key) {
		try {
			if (key instanceof ECPublicKey ec) {
				return new P256EcdhEncrypter(ec);
			}
			return new RSAEncrypter((RSAPublicKey) key);
		}
		catch (JOSEException | ClassCastException ex) {
			throw new IllegalArgumentException("unusable encryption key", ex);
		}
	}

	/**
	 * The key wrapping algorithm for a recipient key.
	 * @param key the key
	 * @return ECDH-ES+A128KW or RSA-OAEP-256
	 */
	public static JWEAlgorithm keyWrapAlgorithm(PublicKey key) {
		return (key instanceof RSAPublicKey) ? JWEAlgorithm.RSA_OAEP_256 : JWEAlgorithm.ECDH_ES_A128KW;
	}

	/**
	 * A decrypter for a private key, on the same providers as {@link #encrypter}.
	 * @param key the key
	 * @return the decrypter
	 */
	public static JWEDecrypter decrypter(PrivateKey key) {
		try {
			if (key instanceof ECPrivateKey ec) {
				ECDHDecrypter decrypter = new ECDHDecrypter(ec);
				decrypter.getJCAContext().setKeyEncryptionProvider(CryptoProviders.bouncyCastle());
				return decrypter;
			}
			return new RSADecrypter(key);
		}
		catch (JOSEException ex) {
			throw new IllegalArgumentException("unusable decryption key", ex);
		}
	}

	/**
	 * Signs a JSON payload as a compact JWS.
	 * @param signer the signer
	 * @param algorithm the algorithm
	 * @param type the {@code typ} header
	 * @param kid the {@code kid} header, if any
	 * @param x5c the {@code x5c} chain, leaf first (may be empty)
	 * @param claims the payload
	 * @return the compact serialization
	 */
	public static String sign(JWSSigner signer, JWSAlgorithm algorithm, String type, @Nullable String kid,
			List<X509Certificate> x5c, Map<String, Object> claims) {
		return sign(signer, buildHeader(algorithm, type, kid, x5c), claims);
	}

	/**
	 * A JWS protected header that keeps its own encoding, for a signer that signs many
	 * objects with the same header: {@link #sign(JWSSigner, JWSHeader, Map)} then neither
	 * rebuilds its JSON nor re-encodes its {@code x5c} chain.
	 * @param algorithm the algorithm
	 * @param type the {@code typ} header
	 * @param kid the {@code kid} header, if any
	 * @param x5c the {@code x5c} chain, leaf first (may be empty)
	 * @return the header
	 */
	public static JWSHeader header(JWSAlgorithm algorithm, String type, @Nullable String kid,
			List<X509Certificate> x5c) {
		try {
			// A parsed header remembers the encoding it was parsed from.
			return JWSHeader.parse(buildHeader(algorithm, type, kid, x5c).toBase64URL());
		}
		catch (ParseException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Signs a JSON payload as a compact JWS with a given header.
	 * @param signer the signer
	 * @param header the protected header (see {@link #header})
	 * @param claims the payload
	 * @return the compact serialization
	 */
	public static String sign(JWSSigner signer, JWSHeader header, Map<String, Object> claims) {
		// Assembled here rather than through JWSObject, whose constructor encodes header
		// and payload with Nimbus's time-constant (and slow) base64: neither is secret.
		String signingInput = header.toBase64URL() + "."
				+ java.util.Base64.getUrlEncoder()
					.withoutPadding()
					.encodeToString(JsonWriter.write(claims).getBytes(StandardCharsets.UTF_8));
		try {
			return signingInput + "." + signer.sign(header, signingInput.getBytes(StandardCharsets.US_ASCII));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("signing failed", ex);
		}
	}

	private static JWSHeader buildHeader(JWSAlgorithm algorithm, String type, @Nullable String kid,
			List<X509Certificate> x5c) {
		JWSHeader.Builder header = new JWSHeader.Builder(algorithm).type(new JOSEObjectType(type));
		if (kid != null) {
			header.keyID(kid);
		}
		if (!x5c.isEmpty()) {
			header.x509CertChain(encodeChain(x5c));
		}
		return header.build();
	}

	/**
	 * The {@code x5c} encoding of a chain.
	 * @param chain the chain
	 * @return standard base64 DER, leaf first
	 */
	public static List<Base64> encodeChain(List<X509Certificate> chain) {
		List<Base64> result = new ArrayList<>();
		for (X509Certificate certificate : chain) {
			try {
				result.add(Base64.encode(certificate.getEncoded()));
			}
			catch (CertificateEncodingException ex) {
				throw new IllegalStateException(ex);
			}
		}
		return result;
	}

	/**
	 * Parses a compact JWS strictly: three base64url segments, ES256 or PS256 only, no
	 * {@code crit}, base64url-encoded payload, the expected {@code typ}. The segments are
	 * decoded with the JDK's base64 (none of them is secret, so Nimbus's time-constant
	 * decoder buys nothing), the header's JSON with Nimbus; the payload's JSON is parsed
	 * only when {@link #claims(ParsedJws)} asks for it, after verification.
	 * @param compact the compact serialization
	 * @param type the expected {@code typ}
	 * @return the parsed object, not yet verified
	 * @throws JoseProblem if refused
	 */
	public static ParsedJws parseJws(String compact, String type) {
		// Header, payload and signature (empty only for the refused none).
		if (!isCompact(compact, true, true, false)) {
			// Decoders differ on characters outside the alphabet (Nimbus's skips them);
			// refusing them keeps one object to one encoding.
			throw new JoseProblem(JoseProblem.Kind.MALFORMED, "not a compact JWS (three base64url segments)");
		}
		int firstDot = compact.indexOf('.');
		int secondDot = compact.indexOf('.', firstDot + 1);
		String encodedHeader = compact.substring(0, firstDot);
		JWSHeader header;
		byte[] payload;
		byte[] signature;
		try {
			java.util.Base64.Decoder decoder = java.util.Base64.getUrlDecoder();
			String json = new String(decoder.decode(encodedHeader), StandardCharsets.UTF_8);
			header = JWSHeader.parse(json, new Base64URL(encodedHeader));
			payload = decoder.decode(compact.substring(firstDot + 1, secondDot));
			signature = decoder.decode(compact.substring(secondDot + 1));
		}
		catch (ParseException | RuntimeException ex) {
			String alg = peekAlgorithm(compact);
			if (alg != null && (alg.equalsIgnoreCase("none") || alg.startsWith("HS"))) {
				throw new JoseProblem(JoseProblem.Kind.ALGORITHM_NOT_ALLOWED, "algorithm " + alg + " is not allowed",
						ex);
			}
			throw new JoseProblem(JoseProblem.Kind.MALFORMED, "not a compact JWS", ex);
		}
		checkHeader(header, type);
		if (!header.isBase64URLEncodePayload()) {
			// RFC 7797 needs b64 in crit, which is refused above; alone it is malformed.
			throw new JoseProblem(JoseProblem.Kind.MALFORMED, "an unencoded payload (b64) is not allowed");
		}
		return new ParsedJws(header, compact.substring(0, secondDot).getBytes(StandardCharsets.US_ASCII), payload,
				signature);
	}

	private static void checkHeader(JWSHeader header, String type) {
		if (!SIGNATURE_ALGORITHMS.contains(header.getAlgorithm())) {
			throw new JoseProblem(JoseProblem.Kind.ALGORITHM_NOT_ALLOWED,
					"algorithm " + header.getAlgorithm() + " is not allowed");
		}
		if (hasCrit(header)) {
			throw new JoseProblem(JoseProblem.Kind.UNKNOWN_CRITICAL_HEADER,
					"a crit header parameter is not allowed (none is understood)");
		}
		if (header.getType() == null || !type.equals(header.getType().getType())) {
			throw new JoseProblem(JoseProblem.Kind.WRONG_TYPE,
					"typ " + header.getType() + " where " + type + " was expected");
		}
	}

	/**
	 * Tells whether a parsed JOSE header carries {@code crit} in any form: with names,
	 * empty ({@code []}) or {@code null}. Nimbus reads the last two as "no critical
	 * parameter", so the header's own JSON is looked at.
	 * @param header the parsed header
	 * @return whether {@code crit} is present
	 */
	public static boolean hasCrit(Header header) {
		if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
			return true;
		}
		Base64URL encoded = header.getParsedBase64URL();
		String json = (encoded != null) ? encoded.decodeToString() : header.toString();
		try {
			return JSONObjectUtils.parse(json).containsKey("crit");
		}
		catch (ParseException ex) {
			// Nimbus parsed this header already; if it cannot be read again, refuse it.
			return true;
		}
	}

	private static @Nullable String peekAlgorithm(String compact) {
		try {
			int dot = compact.indexOf('.');
			String header = new String(java.util.Base64.getUrlDecoder().decode(compact.substring(0, dot)),
					StandardCharsets.UTF_8);
			Object alg = JSONObjectUtils.parse(header).get("alg");
			return (alg instanceof String text) ? text : null;
		}
		catch (ParseException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * Verifies the signature of a parsed JWS with a key, checking that the algorithm is
	 * the one of the key's type.
	 * @param jws the object
	 * @param key the key
	 * @throws JoseProblem with {@code ALGORITHM_NOT_ALLOWED} or {@code BAD_SIGNATURE}
	 */
	public static void verify(ParsedJws jws, PublicKey key) {
		verify(jws, key, signatureAlgorithm(key));
	}

	/**
	 * Verifies the signature of a parsed JWS with a key whose algorithm the caller knows
	 * already (a validated device certificate's key type, say), which spares decoding the
	 * key to find it.
	 * @param jws the object
	 * @param key the key
	 * @param expected the one algorithm allowed for the key
	 * @throws JoseProblem with {@code ALGORITHM_NOT_ALLOWED} or {@code BAD_SIGNATURE}
	 */
	public static void verify(ParsedJws jws, PublicKey key, JWSAlgorithm expected) {
		JWSHeader header = jws.header();
		if (!expected.equals(header.getAlgorithm())) {
			throw new JoseProblem(JoseProblem.Kind.ALGORITHM_NOT_ALLOWED,
					header.getAlgorithm() + " is not allowed for this key; " + expected + " is");
		}
		boolean valid;
		try {
			if (JWSAlgorithm.ES256.equals(expected) && key instanceof ECPublicKey) {
				valid = Es256.verify(key, jws.signingInput(), jws.signature());
			}
			else {
				valid = verifier(key).verify(header, jws.signingInput(), Base64URL.encode(jws.signature()));
			}
		}
		catch (GeneralSecurityException | JOSEException | RuntimeException ex) {
			valid = false;
		}
		if (!valid) {
			throw new JoseProblem(JoseProblem.Kind.BAD_SIGNATURE, "the signature does not verify");
		}
	}

	/**
	 * Verifies the signature of a JWS parsed by Nimbus with a key, checking that the
	 * algorithm is the one of the key's type.
	 * @param jws the object
	 * @param key the key
	 * @throws JoseProblem with {@code ALGORITHM_NOT_ALLOWED} or {@code BAD_SIGNATURE}
	 */
	public static void verify(JWSObject jws, PublicKey key) {
		JWSAlgorithm expected = signatureAlgorithm(key);
		if (!expected.equals(jws.getHeader().getAlgorithm())) {
			throw new JoseProblem(JoseProblem.Kind.ALGORITHM_NOT_ALLOWED,
					jws.getHeader().getAlgorithm() + " is not allowed for this key; " + expected + " is");
		}
		boolean valid;
		try {
			valid = jws.verify(verifier(key));
		}
		catch (JOSEException | IllegalStateException ex) {
			valid = false;
		}
		if (!valid) {
			throw new JoseProblem(JoseProblem.Kind.BAD_SIGNATURE, "the signature does not verify");
		}
	}

	/**
	 * The JSON payload of a JWS.
	 * @param jws the object
	 * @return the claims
	 * @throws JoseProblem with {@code MALFORMED}
	 */
	public static Map<String, Object> claims(ParsedJws jws) {
		try {
			return JSONObjectUtils.parse(new String(jws.payload(), StandardCharsets.UTF_8));
		}
		catch (ParseException | RuntimeException ex) {
			throw new JoseProblem(JoseProblem.Kind.MALFORMED, "the payload is not a JSON object", ex);
		}
	}

	/**
	 * The JSON payload of a JWS parsed by Nimbus.
	 * @param jws the object
	 * @return the claims
	 * @throws JoseProblem with {@code MALFORMED}
	 */
	public static Map<String, Object> claims(JWSObject jws) {
		Map<String, Object> claims = jws.getPayload().toJSONObject();
		if (claims == null) {
			throw new JoseProblem(JoseProblem.Kind.MALFORMED, "the payload is not a JSON object");
		}
		return claims;
	}

	/**
	 * The {@code x5c} header as strings.
	 * @param header the header
	 * @return the chain, possibly empty
	 */
	public static List<String> x5c(JWSHeader header) {
		List<String> result = new ArrayList<>();
		if (header.getX509CertChain() != null) {
			for (Base64 certificate : header.getX509CertChain()) {
				result.add(certificate.toString());
			}
		}
		return result;
	}

	/**
	 * Encrypts a payload to a public key as a compact JWE with A128GCM.
	 * @param key the recipient's key
	 * @param contentType the {@code cty} header
	 * @param customHeaders further protected header parameters
	 * @param payload the plaintext
	 * @return the compact serialization
	 */
	public static String encrypt(PublicKey key, String contentType, Map<String, Object> customHeaders, String payload) {
		JWEHeader.Builder header = new JWEHeader.Builder(keyWrapAlgorithm(key), EncryptionMethod.A128GCM)
			.contentType(contentType);
		customHeaders.forEach(header::customParam);
		if (key instanceof ECPublicKey ec) {
			try {
				return new P256EcdhEncrypter(ec).encryptCompact(header.build(),
						payload.getBytes(StandardCharsets.UTF_8));
			}
			catch (JOSEException ex) {
				throw new IllegalArgumentException("unusable encryption key", ex);
			}
		}
		JWEObject jwe = new JWEObject(header.build(), new Payload(payload));
		try {
			jwe.encrypt(encrypter(key));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("encryption failed", ex);
		}
		return jwe.serialize();
	}

	/**
	 * Decrypts a compact JWE: only ECDH-ES+A128KW / RSA-OAEP-256 with A128GCM, no
	 * {@code crit}.
	 * @param compact the compact serialization
	 * @param key the private key
	 * @return the decrypted object (header and payload)
	 * @throws JoseProblem if refused
	 */
	public static JWEObject decrypt(String compact, PrivateKey key) {
		// Header, encrypted key, IV, ciphertext and tag.
		if (!isCompact(compact, true, false, true, true, true)) {
			throw new JoseProblem(JoseProblem.Kind.MALFORMED, "not a compact JWE (five base64url segments)");
		}
		JWEObject jwe;
		try {
			jwe = JWEObject.parse(compact);
		}
		catch (ParseException | RuntimeException ex) {
			throw new JoseProblem(JoseProblem.Kind.MALFORMED, "not a compact JWE", ex);
		}
		JWEHeader header = jwe.getHeader();
		if (!KEY_WRAP_ALGORITHMS.contains(header.getAlgorithm())
				|| !EncryptionMethod.A128GCM.equals(header.getEncryptionMethod())) {
			throw new JoseProblem(JoseProblem.Kind.ALGORITHM_NOT_ALLOWED,
					"JWE algorithm " + header.getAlgorithm() + "/" + header.getEncryptionMethod() + " is not allowed");
		}
		if (hasCrit(header)) {
			throw new JoseProblem(JoseProblem.Kind.UNKNOWN_CRITICAL_HEADER,
					"a crit JWE header parameter is not allowed");
		}
		try {
			jwe.decrypt(decrypter(key));
		}
		catch (JOSEException | IllegalArgumentException | IllegalStateException ex) {
			throw new JoseProblem(JoseProblem.Kind.DECRYPTION_FAILED, "the JWE cannot be decrypted with this key", ex);
		}
		return jwe;
	}

	/**
	 * Base64url of bytes, as Nimbus.
	 * @param data the bytes
	 * @return the text
	 */
	public static String base64Url(byte[] data) {
		return Base64URL.encode(data).toString();
	}

	/**
	 * Tells whether a compact serialization is made of exactly as many base64url segments
	 * as there are flags, each non-empty where its flag says so. A loop rather than a
	 * regular expression: this runs on every request, over kilobytes of certificates.
	 */
	private static boolean isCompact(String compact, boolean... nonEmpty) {
		int segment = 0;
		int length = 0;
		for (int i = 0; i < compact.length(); i++) {
			char c = compact.charAt(i);
			if (c == '.') {
				if (segment >= nonEmpty.length - 1 || (nonEmpty[segment] && length == 0)) {
					return false;
				}
				segment++;
				length = 0;
			}
			else if (c < BASE64URL.length && BASE64URL[c]) {
				length++;
			}
			else {
				return false;
			}
		}
		return segment == nonEmpty.length - 1 && !(nonEmpty[segment] && length == 0);
	}

}
