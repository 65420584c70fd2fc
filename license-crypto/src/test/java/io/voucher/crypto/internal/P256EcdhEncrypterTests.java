package io.voucher.crypto.internal;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class P256EcdhEncrypterTests {

	private final KeyPair recipient = KeySupport.generateP256();

	@Test
	void encryptThenPlainNimbusDecrypterReadsItWithAFreshP256EphemeralKeyEachTime() throws Exception {
		JWEObject first = encrypt(JWEAlgorithm.ECDH_ES_A128KW, EncryptionMethod.A128GCM, "{\"keys\":[]}");
		JWEObject second = encrypt(JWEAlgorithm.ECDH_ES_A128KW, EncryptionMethod.A128GCM, "{\"keys\":[]}");
		for (JWEObject jwe : new JWEObject[] { first, second }) {
			JWEObject parsed = JWEObject.parse(jwe.serialize());
			// Nimbus's decrypter on its default providers: an independent path from
			// the encrypter's Bouncy Castle ECDH.
			parsed.decrypt(new ECDHDecrypter((java.security.interfaces.ECPrivateKey) this.recipient.getPrivate()));
			assertThat(parsed.getPayload().toString()).isEqualTo("{\"keys\":[]}");
			assertThat(parsed.getHeader().getEphemeralPublicKey()).isInstanceOfSatisfying(ECKey.class, (epk) -> {
				assertThat(epk.getCurve()).isEqualTo(Curve.P_256);
				assertThat(epk.isPrivate()).isFalse();
			});
			assertThat(parsed.getEncryptedKey().decode()).hasSize(24);
			assertThat(parsed.getIV().decode()).hasSize(12);
			assertThat(parsed.getAuthTag().decode()).hasSize(16);
		}
		assertThat(first.getHeader().getEphemeralPublicKey()).isNotEqualTo(second.getHeader().getEphemeralPublicKey());
	}

	@Test
	void encryptCompactThenPlainNimbusDecrypterReadsItAndTheHeaderIsAuthenticated() throws Exception {
		JWEHeader header = new JWEHeader.Builder(JWEAlgorithm.ECDH_ES_A128KW, EncryptionMethod.A128GCM)
			.contentType("jwk-set+json")
			.customParam("lid", "license-1")
			.build();
		String compact = new P256EcdhEncrypter((ECPublicKey) this.recipient.getPublic()).encryptCompact(header,
				"{\"keys\":[]}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		JWEObject parsed = JWEObject.parse(compact);
		assertThat(parsed.serialize()).isEqualTo(compact);
		parsed.decrypt(new ECDHDecrypter((java.security.interfaces.ECPrivateKey) this.recipient.getPrivate()));
		assertThat(parsed.getPayload().toString()).isEqualTo("{\"keys\":[]}");
		assertThat(parsed.getHeader().getCustomParam("lid")).isEqualTo("license-1");
		assertThat(parsed.getHeader().getContentType()).isEqualTo("jwk-set+json");
		assertThat(parsed.getHeader().getEphemeralPublicKey()).isInstanceOf(ECKey.class);
		// The header is the AAD: another license id in it fails decryption.
		String json = parsed.getHeader().toString().replace("license-1", "license-2");
		String moved = com.nimbusds.jose.util.Base64URL.encode(json) + compact.substring(compact.indexOf('.'));
		JWEObject tampered = JWEObject.parse(moved);
		assertThatExceptionOfType(JOSEException.class).isThrownBy(() -> tampered
			.decrypt(new ECDHDecrypter((java.security.interfaces.ECPrivateKey) this.recipient.getPrivate())));
	}

	@Test
	void coordinateIsAlways32BytesBigEndian() {
		// A coordinate with its top bit set (BigInteger adds a sign byte) and a short one
		// (about one key in 256 has a leading zero byte): RFC 7518 §6.2.1.2 wants the
		// full
		// length either way.
		java.math.BigInteger high = java.math.BigInteger.ONE.shiftLeft(255).add(java.math.BigInteger.TWO);
		assertThat(P256EcdhEncrypter.coordinate(high)).hasSize(32).startsWith((byte) 0x80).endsWith((byte) 0x02);
		assertThat(P256EcdhEncrypter.coordinate(java.math.BigInteger.valueOf(0x0102))).hasSize(32)
			.startsWith(new byte[30])
			.endsWith((byte) 0x01, (byte) 0x02);
	}

	@Test
	void encryptCompactWhenAnotherAlgorithmOrCompressionThenRefused() throws Exception {
		P256EcdhEncrypter encrypter = new P256EcdhEncrypter((ECPublicKey) this.recipient.getPublic());
		assertThatExceptionOfType(JOSEException.class).isThrownBy(() -> encrypter.encryptCompact(
				new JWEHeader.Builder(JWEAlgorithm.ECDH_ES, EncryptionMethod.A128GCM).build(), new byte[1]));
		assertThatExceptionOfType(JOSEException.class).isThrownBy(() -> encrypter
			.encryptCompact(new JWEHeader.Builder(JWEAlgorithm.ECDH_ES_A128KW, EncryptionMethod.A128GCM)
				.compressionAlgorithm(com.nimbusds.jose.CompressionAlgorithm.DEF)
				.build(), new byte[1]));
	}

	@Test
	void encryptWhenAnotherAlgorithmOrContentEncryptionThenRefused() {
		assertThatExceptionOfType(JOSEException.class)
			.isThrownBy(() -> encrypt(JWEAlgorithm.ECDH_ES, EncryptionMethod.A128GCM, "x"));
		assertThatExceptionOfType(JOSEException.class)
			.isThrownBy(() -> encrypt(JWEAlgorithm.ECDH_ES_A256KW, EncryptionMethod.A128GCM, "x"));
		assertThatExceptionOfType(JOSEException.class)
			.isThrownBy(() -> encrypt(JWEAlgorithm.ECDH_ES_A128KW, EncryptionMethod.A256GCM, "x"));
	}

	@Test
	void createWhenKeyNotOnP256ThenRefused() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", CryptoProviders.bouncyCastle());
		generator.initialize(new ECGenParameterSpec("secp384r1"));
		ECPublicKey p384 = (ECPublicKey) generator.generateKeyPair().getPublic();
		assertThatExceptionOfType(JOSEException.class).isThrownBy(() -> new P256EcdhEncrypter(p384));
	}

	private JWEObject encrypt(JWEAlgorithm algorithm, EncryptionMethod method, String payload) throws JOSEException {
		JWEObject jwe = new JWEObject(new JWEHeader.Builder(algorithm, method).build(), new Payload(payload));
		jwe.encrypt(new P256EcdhEncrypter((ECPublicKey) this.recipient.getPublic()));
		return jwe;
	}

}
