package io.voucher.crypto.internal;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.RSAPrivateKeySpec;

import javax.crypto.SecretKey;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSADecrypter;
import com.nimbusds.jose.crypto.impl.ConcatKDF;
import com.nimbusds.jose.crypto.impl.ECDH;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import io.voucher.crypto.keys.SignatureRejectedException;
import io.voucher.crypto.testing.TestPki;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Known-answer tests with the examples of RFC 7515, 7516, 7518 and 7520, run through the
 * module's own JOSE set-up ({@link Jose}: its verifier and decrypter on their explicit
 * providers). Where Voucher's allow-list refuses an example's algorithm, the refusal is
 * asserted, and plain Nimbus still checks the vector so that the vector itself is known
 * to be right.
 */
class RfcKnownAnswerTests {

	// RFC 7515 Appendix A.3: ES256.
	private static final String RFC7515_A3_X = "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU";

	private static final String RFC7515_A3_Y = "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0";

	private static final String RFC7515_A3_HEADER = "eyJhbGciOiJFUzI1NiJ9";

	private static final String RFC7515_A3_PAYLOAD = "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFt"
			+ "cGxlLmNvbS9pc19yb290Ijp0cnVlfQ";

	private static final String RFC7515_A3_SIGNATURE = "DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSA"
			+ "pmWQxfKTUJqPP3-Kg6NU1Q";

	// RFC 7516 Appendix A.1: RSA-OAEP (SHA-1) with A256GCM.
	private static final String RFC7516_A1_N = "oahUIoWw0K0usKNuOR6H4wkf4oBUXHTxRvgb48E-BVvxkeDNjbC4he8rUW"
			+ "cJoZmds2h7M70imEVhRU5djINXtqllXI4DFqcI1DgjT9LewND8MW2Krf3S"
			+ "psk_ZkoFnilakGygTwpZ3uesH-PFABNIUYpOiN15dsQRkgr0vEhxN92i2a"
			+ "sbOenSZeyaxziK72UwxrrKoExv6kc5twXTq4h-QChLOln0_mtUZwfsRaMS"
			+ "tPs6mS6XrgxnxbWhojf663tuEQueGC-FCMfra36C9knDFGzKsNa7LZK2dj"
			+ "YgyD3JR_MB_4NUJW_TqOQtwHYbxevoJArm-L5StowjzGy-_bq6Gw";

	private static final String RFC7516_A1_D = "kLdtIj6GbDks_ApCSTYQtelcNttlKiOyPzMrXHeI-yk1F7-kpDxY4-WY5N"
			+ "WV5KntaEeXS1j82E375xxhWMHXyvjYecPT9fpwR_M9gV8n9Hrh2anTpTD9"
			+ "3Dt62ypW3yDsJzBnTnrYu1iwWRgBKrEYY46qAZIrA2xAwnm2X7uGR1hghk"
			+ "qDp0Vqj3kbSCz1XyfCs6_LehBwtxHIyh8Ripy40p24moOAbgxVw3rxT_vl"
			+ "t3UVe4WO3JkJOzlpUf-KTVI2Ptgm-dARxTEtE-id-4OJr0h-K-VFs3VSnd"
			+ "VTIznSxfyrj8ILL6MG_Uv8YAu7VILSB3lOW085-4qE3DzgrTjgyQ";

	private static final String RFC7516_A1_JWE = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ."
			+ "OKOawDo13gRp2ojaHV7LFpZcgV7T6DVZKTyKOMTYUmKoTCVJRgckCL9kiMT03JGe"
			+ "ipsEdY3mx_etLbbWSrFr05kLzcSr4qKAq7YN7e9jwQRb23nfa6c9d-StnImGyFDb"
			+ "Sv04uVuxIp5Zms1gNxKKK2Da14B8S4rzVRltdYwam_lDp5XnZAYpQdb76FdIKLaV"
			+ "mqgfwX7XWRxv2322i-vDxRfqNzo_tETKzpVLzfiwQyeyPGLBIO56YJ7eObdv0je8"
			+ "1860ppamavo35UgoRdbYaBcoh9QcfylQr66oc6vFWXRcZ_ZT2LawVCWTIy3brGPi" + "6UklfCpIMfIjf7iGdXKHzg."
			+ "48V1_ALb6US04U3b." + "5eym8TW_c8SuK0ltJ3rpYIzOeDQz7TALvtu6UG9oMo4vpzs9tX_EFShS8iB7j6ji"
			+ "SdiwkIr3ajwQzaBtQD_A." + "XFBoMYUZodetZdvTiFvSkQ";

	// RFC 7518 Appendix C: ECDH-ES key agreement and Concat KDF.
	private static final String RFC7518_C_ALICE = "{\"kty\":\"EC\",\"crv\":\"P-256\","
			+ "\"x\":\"gI0GAILBdu7T53akrFmMyGcsF3n5dO7MmwNBHKW5SV0\","
			+ "\"y\":\"SLW_xSffzlPWrHEVI30DHM_4egVwt3NQqeUD7nMFpps\","
			+ "\"d\":\"0_NxaRPUMQoAJt50Gz8YiTr8gRTwyEaCumd-MToTmIo\"}";

	private static final String RFC7518_C_BOB = "{\"kty\":\"EC\",\"crv\":\"P-256\","
			+ "\"x\":\"weNJy2HscCSM6AEDTDg04biOvhFhyyWvOHQfeF_PxMQ\","
			+ "\"y\":\"e8lnCO-AlStT-NJVX-crhB7QRYhiix03illJOVAOyck\","
			+ "\"d\":\"VEmDZpDXXK8p8N0Cndsxs924q6nS1RXFASRl6BfUqdw\"}";

	private static final int[] RFC7518_C_Z = { 158, 86, 217, 29, 129, 113, 53, 211, 114, 131, 66, 131, 191, 132, 38,
			156, 251, 49, 110, 163, 218, 128, 106, 72, 246, 218, 167, 121, 140, 254, 144, 196 };

	private static final int[] RFC7518_C_DERIVED_KEY = { 86, 170, 141, 234, 248, 35, 109, 32, 92, 34, 40, 205, 113, 167,
			16, 26 };

	// RFC 7520 §4.3: ES512 with bilbo.baggins@hobbiton.example's P-521 key (§3.2).
	private static final String RFC7520_P521_KEY = "{\"kty\":\"EC\",\"kid\":\"bilbo.baggins@hobbiton.example\","
			+ "\"use\":\"sig\",\"crv\":\"P-521\","
			+ "\"x\":\"AHKZLLOsCOzz5cY97ewNUajB957y-C-U88c3v13nmGZx6sYl_oJXu9A5RkTKqjqvjyekWF-7ytDyRXYgCF5cj0Kt\","
			+ "\"y\":\"AdymlHvOiLxXkEhayXQnNCvDX4h9htZaCJN34kfmC6pV5OhQHiraVySsUdaQkAgDPrwQrJmbnX9cwlGfP-HqHZR1\"}";

	private static final String RFC7520_PAYLOAD = "SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IH"
			+ "lvdXIgZG9vci4gWW91IHN0ZXAgb250byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBk"
			+ "b24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hlcm"
			+ "UgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4";

	private static final String RFC7520_4_3_JWS = "eyJhbGciOiJFUzUxMiIsImtpZCI6ImJpbGJvLmJhZ2dpbnNAaG9iYml0b24uZX"
			+ "hhbXBsZSJ9" + "." + RFC7520_PAYLOAD + "."
			+ "AE_R_YZCChjn4791jSQCrdPZCNYqHXCTZH0-JZGYNlaAjP2kqaluUIIUnC9qvb"
			+ "u9Plon7KRTzoNEuT4Va2cmL1eJAQy3mtPBu_u_sDDyYjnAMDxXPn7XrT0lw-kv"
			+ "AD890jl8e2puQens_IEKBpHABlsbEPX6sFY8OcGDqoRuBomu9xQ2";

	// RFC 7520 §5.4: ECDH-ES+A128KW with A128GCM to peregrin.took@tuckborough.example's
	// P-384 key.
	private static final String RFC7520_P384_KEY = "{\"kty\":\"EC\",\"kid\":\"peregrin.took@tuckborough.example\","
			+ "\"use\":\"enc\",\"crv\":\"P-384\","
			+ "\"x\":\"YU4rRUzdmVqmRtWOs2OpDE_T5fsNIodcG8G5FWPrTPMyxpzsSOGaQLpe2FpxBmu2\","
			+ "\"y\":\"A8-yxCHxkfBz3hKZfI1jUYMjUhsEveZ9THuwFjH2sCNdtksRJU7D5-SkgaFL1ETP\","
			+ "\"d\":\"iTx2pk7wW-GqJkHcEkFQb2EFyYcO7RugmaW3mRrQVAOUiPommT0IdnYK2xDlZh-j\"}";

	private static final String RFC7520_5_4_JWE = "eyJhbGciOiJFQ0RILUVTK0ExMjhLVyIsImtpZCI6InBlcmVncmluLnRvb2tAdH"
			+ "Vja2Jvcm91Z2guZXhhbXBsZSIsImVwayI6eyJrdHkiOiJFQyIsImNydiI6IlAt"
			+ "Mzg0IiwieCI6InVCbzRrSFB3Nmtiang1bDB4b3dyZF9vWXpCbWF6LUdLRlp1NH"
			+ "hBRkZrYllpV2d1dEVLNml1RURzUTZ3TmROZzMiLCJ5Ijoic3AzcDVTR2haVkMy"
			+ "ZmFYdW1JLWU5SlUyTW84S3BvWXJGRHI1eVBOVnRXNFBnRXdaT3lRVEEtSmRhWT" + "h0YjdFMCJ9LCJlbmMiOiJBMTI4R0NNIn0"
			+ "." + "0DJjBXri_kBcC46IkU5_Jk9BqaQeHdv2" + "." + "mH-G2zVqgztUtnW_" + "."
			+ "tkZuOO9h95OgHJmkkrfLBisku8rGf6nzVxhRM3sVOhXgz5NJ76oID7lpnAi_cP"
			+ "WJRCjSpAaUZ5dOR3Spy7QuEkmKx8-3RCMhSYMzsXaEwDdXta9Mn5B7cCBoJKB0"
			+ "IgEnj_qfo1hIi-uEkUpOZ8aLTZGHfpl05jMwbKkTe2yK3mjF6SBAsgicQDVCkc"
			+ "Y9BLluzx1RmC3ORXaM0JaHPB93YcdSDGgpgBWMVrNU1ErkjcMqMoT_wtCex3w0"
			+ "3XdLkjXIuEr2hWgeP-nkUZTPU9EoGSPj6fAS-bSz87RCPrxZdj_iVyC6QWcqAu"
			+ "07WNhjzJEPc4jVntRJ6K53NgPQ5p99l3Z408OUqj4ioYezbS6vTPlQ" + "." + "WuGzxmcreYjpHGJoa17EBg";

	private static final String RFC7520_5_PLAINTEXT = "You can trust us to stick with you through thick and "
			+ "thin\u2013to the bitter end. And you can trust us to keep any secret of yours\u2013closer than you "
			+ "keep it yourself. But you cannot trust us to let you face trouble alone, and go off without a "
			+ "word. We are your friends, Frodo.";

	@Test
	void verifyWhenRfc7515A3Es256ExampleThenSignatureAccepted() throws Exception {
		ECPublicKey key = p256PublicKey(RFC7515_A3_X, RFC7515_A3_Y);
		JWSObject jws = JWSObject.parse(RFC7515_A3_HEADER + "." + RFC7515_A3_PAYLOAD + "." + RFC7515_A3_SIGNATURE);
		assertThatNoException().isThrownBy(() -> Jose.verify(jws, key));
		assertThat(jws.getPayload().toString())
			.isEqualTo("{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \"http://example.com/is_root\":true}");
	}

	@Test
	void verifyWhenRfc7515A3PayloadAlteredThenBadSignature() throws Exception {
		ECPublicKey key = p256PublicKey(RFC7515_A3_X, RFC7515_A3_Y);
		String altered = Base64URL
			.encode("{\"iss\":\"joe\",\r\n \"exp\":1300819381,\r\n \"http://example.com/is_root\":true}")
			.toString();
		JWSObject jws = JWSObject.parse(RFC7515_A3_HEADER + "." + altered + "." + RFC7515_A3_SIGNATURE);
		assertProblem(() -> Jose.verify(jws, key), JoseProblem.Kind.BAD_SIGNATURE);
	}

	@Test
	void verifyWhenRfc7520Es512ExampleThenRefusedThoughTheVectorVerifies() throws Exception {
		ECKey p521 = ECKey.parse(RFC7520_P521_KEY);
		JWSObject jws = JWSObject.parse(RFC7520_4_3_JWS);
		assertThat(jws.verify(new ECDSAVerifier(p521))).isTrue();
		assertThat(jws.getPayload().toString()).startsWith("It\u2019s a dangerous business, Frodo");
		assertProblem(() -> Jose.parseJws(RFC7520_4_3_JWS, "JWT"), JoseProblem.Kind.ALGORITHM_NOT_ALLOWED);
		assertProblem(() -> Jose.verify(jws, p521.toECPublicKey()), JoseProblem.Kind.ALGORITHM_NOT_ALLOWED);
		assertThatExceptionOfType(SignatureRejectedException.class)
			.isThrownBy(() -> TestPki.create().licenseTrust().verify(RFC7520_4_3_JWS, "JWT"))
			.satisfies(
					(ex) -> assertThat(ex.reason()).isEqualTo(SignatureRejectedException.Reason.ALGORITHM_NOT_ALLOWED));
	}

	@Test
	void ecdhWhenRfc7518AppendixCKeysThenSharedSecretAndDerivedKeyAsPublished() throws Exception {
		ECKey alice = ECKey.parse(RFC7518_C_ALICE);
		ECKey bob = ECKey.parse(RFC7518_C_BOB);
		// The same call, on the same provider, as P256EcdhEncrypter makes.
		SecretKey z = ECDH.deriveSharedSecret(bcPublic(bob), bcPrivate(alice), CryptoProviders.bouncyCastle());
		SecretKey zOtherSide = ECDH.deriveSharedSecret(bcPublic(alice), bcPrivate(bob), CryptoProviders.bouncyCastle());
		assertThat(z.getEncoded()).isEqualTo(bytes(RFC7518_C_Z));
		assertThat(zOtherSide.getEncoded()).isEqualTo(bytes(RFC7518_C_Z));
		JWEHeader header = new JWEHeader.Builder(JWEAlgorithm.ECDH_ES, EncryptionMethod.A128GCM)
			.agreementPartyUInfo(new Base64URL("QWxpY2U"))
			.agreementPartyVInfo(new Base64URL("Qm9i"))
			.ephemeralPublicKey(alice.toPublicJWK())
			.build();
		SecretKey derived = ECDH.deriveSharedKey(header, z, new ConcatKDF("SHA-256"));
		assertThat(derived.getEncoded()).isEqualTo(bytes(RFC7518_C_DERIVED_KEY));
		assertThat(Base64URL.encode(derived.getEncoded())).hasToString("VqqN6vgjbSBcIijNcacQGg");
	}

	@Test
	void decryptWhenRfc7520EcdhEsA128KwA128GcmExampleThenPlaintextAsPublished() throws Exception {
		PrivateKey key = bcPrivate(ECKey.parse(RFC7520_P384_KEY));
		JWEObject jwe = Jose.decrypt(RFC7520_5_4_JWE, key);
		assertThat(jwe.getHeader().getAlgorithm()).isEqualTo(JWEAlgorithm.ECDH_ES_A128KW);
		assertThat(jwe.getHeader().getEncryptionMethod()).isEqualTo(EncryptionMethod.A128GCM);
		assertThat(jwe.getPayload().toString()).isEqualTo(RFC7520_5_PLAINTEXT);
	}

	@Test
	void decryptWhenRfc7520EcdhEsExampleTagAlteredThenDecryptionFailed() throws Exception {
		PrivateKey key = bcPrivate(ECKey.parse(RFC7520_P384_KEY));
		String altered = RFC7520_5_4_JWE.substring(0, RFC7520_5_4_JWE.lastIndexOf('.') + 1) + "XuGzxmcreYjpHGJoa17EBg";
		assertProblem(() -> Jose.decrypt(altered, key), JoseProblem.Kind.DECRYPTION_FAILED);
	}

	@Test
	void decryptWhenRfc7516A1RsaOaepSha1ExampleThenRefusedThoughTheVectorDecrypts() throws Exception {
		RSAPrivateKey key = (RSAPrivateKey) KeyFactory.getInstance("RSA")
			.generatePrivate(new RSAPrivateKeySpec(new BigInteger(1, new Base64URL(RFC7516_A1_N).decode()),
					new BigInteger(1, new Base64URL(RFC7516_A1_D).decode())));
		JWEObject raw = JWEObject.parse(RFC7516_A1_JWE);
		raw.decrypt(new RSADecrypter(key));
		assertThat(raw.getPayload().toString())
			.isEqualTo("The true sign of intelligence is not knowledge but imagination.");
		assertProblem(() -> Jose.decrypt(RFC7516_A1_JWE, key), JoseProblem.Kind.ALGORITHM_NOT_ALLOWED);
	}

	private static ECPublicKey p256PublicKey(String x, String y) throws Exception {
		return (ECPublicKey) KeySupport.onPreferredProvider(
				new ECKey.Builder(com.nimbusds.jose.jwk.Curve.P_256, new Base64URL(x), new Base64URL(y)).build()
					.toECPublicKey());
	}

	private static ECPublicKey bcPublic(ECKey key) throws Exception {
		return (ECPublicKey) KeySupport.onPreferredProvider(key.toECPublicKey());
	}

	private static PrivateKey bcPrivate(ECKey key) throws Exception {
		return KeySupport.onPreferredProvider(key.toECPrivateKey());
	}

	private static byte[] bytes(int[] values) {
		byte[] result = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			result[i] = (byte) values[i];
		}
		return result;
	}

	private static void assertProblem(ThrowingCallable call, JoseProblem.Kind kind) {
		assertThatExceptionOfType(JoseProblem.class).isThrownBy(call)
			.satisfies((problem) -> assertThat(problem.kind()).isEqualTo(kind));
	}

}
