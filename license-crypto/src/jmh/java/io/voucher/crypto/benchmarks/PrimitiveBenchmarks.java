package io.voucher.crypto.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import io.voucher.crypto.internal.CryptoProviders;
import io.voucher.crypto.internal.PrivateKeys;
import io.voucher.crypto.testing.TestDevice;
import io.voucher.crypto.testing.TestPki;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The raw primitives under a license, on the providers license-crypto uses (Bouncy Castle
 * for EC, the JDK for AES and SHA-256): what issuing a voucher cannot cost less than.
 * Each operation gets its JCA object as the module does, once per call. ES256 is measured
 * both ways: {@code SHA256withECDSA} wholly on Bouncy Castle ({@link #es256Sign()},
 * {@link #es256Verify()}), and SHA-256 on the JDK with Bouncy Castle's
 * {@code NONEwithECDSA} over the digest (the {@code JdkDigest} pair), as the module does
 * it; a comparison with the per-license operations should take the faster of each pair.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PrimitiveBenchmarks {

	private PrivateKey signingKey;

	private PublicKey verificationKey;

	private ECPublicKey deviceKey;

	private byte[] signingInput;

	private byte[] signature;

	private SecretKeySpec keyEncryptionKey;

	private SecretKeySpec contentEncryptionKey;

	private byte[] keySet;

	private byte[] aad;

	@Setup
	public void setUp() throws GeneralSecurityException {
		TestPki pki = TestPki.create();
		TestDevice device = pki.newDevice().build();
		this.signingKey = PrivateKeys.of(pki.signingKeys().active());
		this.verificationKey = pki.signingKeys().active().publicKey();
		this.deviceKey = (ECPublicKey) device.certificate().publicKey();
		// A realistic JWS signing input: a challenge's header (with its x5c) and claims.
		String challenge = device.challenge().contentId("movie-1").build();
		this.signingInput = challenge.substring(0, challenge.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII);
		Signature signer = Signature.getInstance("SHA256withECDSA", CryptoProviders.bouncyCastle());
		signer.initSign(this.signingKey, CryptoProviders.random());
		signer.update(this.signingInput);
		this.signature = signer.sign();
		this.keyEncryptionKey = new SecretKeySpec(random(16), "AES");
		this.contentEncryptionKey = new SecretKeySpec(random(16), "AES");
		this.keySet = ("{\"keys\":[{\"kty\":\"oct\",\"kid\":\"EjRWeJCrze8SNFZ4kKvN7w\","
				+ "\"k\":\"q83vEjRWeJCrze8SNFZ4kA\"}]}")
			.getBytes(StandardCharsets.UTF_8);
		this.aad = random(240);
	}

	@Benchmark
	public boolean es256Verify() throws GeneralSecurityException {
		Signature verifier = Signature.getInstance("SHA256withECDSA", CryptoProviders.bouncyCastle());
		verifier.initVerify(this.verificationKey);
		verifier.update(this.signingInput);
		return verifier.verify(this.signature);
	}

	@Benchmark
	public byte[] es256Sign() throws GeneralSecurityException {
		Signature signer = Signature.getInstance("SHA256withECDSA", CryptoProviders.bouncyCastle());
		signer.initSign(this.signingKey, CryptoProviders.random());
		signer.update(this.signingInput);
		return signer.sign();
	}

	/**
	 * ES256 verification with the hash on the JDK and the curve on Bouncy Castle
	 * ({@code NONEwithECDSA} over the digest), as license-crypto does it. The same
	 * signature (DER) and signing input as {@link #es256Verify()}.
	 */
	@Benchmark
	public boolean es256VerifyJdkDigest() throws GeneralSecurityException {
		Signature verifier = Signature.getInstance("NONEwithECDSA", CryptoProviders.bouncyCastle());
		verifier.initVerify(this.verificationKey);
		verifier.update(MessageDigest.getInstance("SHA-256").digest(this.signingInput));
		return verifier.verify(this.signature);
	}

	/**
	 * ES256 signing with the hash on the JDK and the curve on Bouncy Castle, as
	 * license-crypto does it. The same signing input as {@link #es256Sign()}.
	 */
	@Benchmark
	public byte[] es256SignJdkDigest() throws GeneralSecurityException {
		Signature signer = Signature.getInstance("NONEwithECDSA", CryptoProviders.bouncyCastle());
		signer.initSign(this.signingKey, CryptoProviders.random());
		signer.update(MessageDigest.getInstance("SHA-256").digest(this.signingInput));
		return signer.sign();
	}

	@Benchmark
	public byte[] ephemeralKeyAndEcdh() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", CryptoProviders.bouncyCastle());
		generator.initialize(new ECGenParameterSpec("secp256r1"), CryptoProviders.random());
		return agree(generator.generateKeyPair());
	}

	/**
	 * The ephemeral key generated from the recipient key's explicit parameters, as
	 * Nimbus's {@code ECDHEncrypter} does: Bouncy Castle then rebuilds the base point and
	 * its precomputation every time.
	 */
	@Benchmark
	public byte[] ephemeralKeyFromExplicitParametersAndEcdh() throws GeneralSecurityException {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", CryptoProviders.bouncyCastle());
		generator.initialize(this.deviceKey.getParams(), CryptoProviders.random());
		return agree(generator.generateKeyPair());
	}

	@Benchmark
	public void aesKeyWrapAndGcm(Blackhole blackhole) throws GeneralSecurityException {
		Cipher wrap = Cipher.getInstance("AESWrap");
		wrap.init(Cipher.WRAP_MODE, this.keyEncryptionKey);
		blackhole.consume(wrap.wrap(this.contentEncryptionKey));
		Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
		gcm.init(Cipher.ENCRYPT_MODE, this.contentEncryptionKey, new GCMParameterSpec(128, random(12)));
		gcm.updateAAD(this.aad);
		blackhole.consume(gcm.doFinal(this.keySet));
	}

	private byte[] agree(KeyPair ephemeral) throws GeneralSecurityException {
		KeyAgreement agreement = KeyAgreement.getInstance("ECDH", CryptoProviders.bouncyCastle());
		agreement.init(ephemeral.getPrivate());
		agreement.doPhase(this.deviceKey, true);
		return agreement.generateSecret();
	}

	private static byte[] random(int length) {
		byte[] bytes = new byte[length];
		CryptoProviders.random().nextBytes(bytes);
		return bytes;
	}

}
