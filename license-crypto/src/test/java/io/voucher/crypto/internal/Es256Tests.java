package io.voucher.crypto.internal;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.impl.ECDSA;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.util.Base64URL;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link Es256} hashes on the JDK and signs the digest on Bouncy Castle: its signatures
 * must be exactly ES256 signatures for any other implementation, and the other way round.
 */
class Es256Tests {

	private static final byte[] INPUT = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJkZXZpY2UifQ"
		.getBytes(StandardCharsets.US_ASCII);

	private final KeyPair key = KeySupport.generateP256();

	@Test
	void signThenSha256WithEcdsaOfBothProvidersVerifies() throws Exception {
		byte[] signature = Es256.sign(this.key.getPrivate(), INPUT);
		assertThat(signature).hasSize(64);
		byte[] der = ECDSA.transcodeSignatureToDER(signature);
		for (Provider provider : new Provider[] { CryptoProviders.bouncyCastle(),
				Signature.getInstance("SHA256withECDSA").getProvider() }) {
			Signature verifier = Signature.getInstance("SHA256withECDSA", provider);
			verifier.initVerify(this.key.getPublic());
			verifier.update(INPUT);
			assertThat(verifier.verify(der)).as(provider.getName()).isTrue();
		}
	}

	@Test
	void verifyWhenSignedBySha256WithEcdsaOfEitherProviderThenValid() throws Exception {
		for (Provider provider : new Provider[] { CryptoProviders.bouncyCastle(),
				Signature.getInstance("SHA256withECDSA").getProvider() }) {
			Signature signer = Signature.getInstance("SHA256withECDSA", provider);
			signer.initSign(KeySupport.onPreferredProvider(this.key.getPrivate()));
			signer.update(INPUT);
			byte[] signature = ECDSA.transcodeSignatureToConcat(signer.sign(), 64);
			assertThat(Es256.verify(this.key.getPublic(), INPUT, signature)).as(provider.getName()).isTrue();
		}
	}

	@Test
	void verifyWhenRfc7515A3ExampleThenValidAndInvalidOnceAltered() throws Exception {
		ECPublicKey key = new ECKey.Builder(Curve.P_256, new Base64URL("f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"),
				new Base64URL("x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"))
			.build()
			.toECPublicKey();
		byte[] input = ("eyJhbGciOiJFUzI1NiJ9.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFt"
				+ "cGxlLmNvbS9pc19yb290Ijp0cnVlfQ")
			.getBytes(StandardCharsets.US_ASCII);
		byte[] signature = new Base64URL(
				"DtEhU3ljbEg8L38VWAfUAqOyKAM6-Xx-F4GawxaepmXFCgfTjDxw5djxLa8ISlSA" + "pmWQxfKTUJqPP3-Kg6NU1Q")
			.decode();
		assertThat(Es256.verify(key, input, signature)).isTrue();
		byte[] altered = input.clone();
		altered[altered.length - 1] ^= 1;
		assertThat(Es256.verify(key, altered, signature)).isFalse();
	}

	@Test
	void verifyWhenSignatureOfWrongLengthOrOutOfRangeThenInvalid() throws Exception {
		byte[] signature = Es256.sign(this.key.getPrivate(), INPUT);
		assertThat(Es256.verify(this.key.getPublic(), INPUT, Arrays.copyOf(signature, 63))).isFalse();
		assertThat(Es256.verify(this.key.getPublic(), INPUT, Arrays.copyOf(signature, 65))).isFalse();
		// r = s = 0: the signature that Java 15-18's own ECDSA once accepted for
		// anything.
		assertThat(Es256.verify(this.key.getPublic(), INPUT, new byte[64])).isFalse();
		byte[] zeroS = signature.clone();
		Arrays.fill(zeroS, 32, 64, (byte) 0);
		assertThat(Es256.verify(this.key.getPublic(), INPUT, zeroS)).isFalse();
		// s = the group order n.
		byte[] sIsOrder = signature.clone();
		byte[] order = ((ECPublicKey) this.key.getPublic()).getParams().getOrder().toByteArray();
		System.arraycopy(order, order.length - 32, sIsOrder, 32, 32);
		assertThat(Es256.verify(this.key.getPublic(), INPUT, sIsOrder)).isFalse();
	}

	@Test
	void signerWhenKeyNotOnP256ThenRefused() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", CryptoProviders.bouncyCastle());
		generator.initialize(new ECGenParameterSpec("secp384r1"));
		KeyPair p384 = generator.generateKeyPair();
		assertThatExceptionOfType(JOSEException.class).isThrownBy(() -> Es256.signer(p384.getPrivate()));
		assertThatExceptionOfType(JOSEException.class).isThrownBy(() -> Es256.verifier(p384.getPublic()));
	}

}
