package io.voucher.crypto.voucher;

import java.security.PrivateKey;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDHEncrypter;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.util.Base64URL;
import io.voucher.crypto.internal.PrivateKeys;
import io.voucher.crypto.keys.SecretBytes;
import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.SecurityLevel;
import io.voucher.crypto.testing.Jws;
import io.voucher.crypto.testing.TestDevice;
import io.voucher.crypto.testing.TestPki;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jose4j.jwe.JsonWebEncryption;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwx.JsonWebStructure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class VoucherTests {

	private final TestPki pki = TestPki.create();

	private final TestDevice device = this.pki.newDevice().build();

	@Test
	void openWhenIssuedToThisDeviceThenKeysAndTermsRecovered() throws Exception {
		ContentKey audio = TestPki.contentKey(TrackType.AUDIO);
		ContentKey uhd = ContentKey.of(KeyId.random(), TrackType.UHD1, SecurityLevel.of(5), HdcpVersion.HDCP_V2,
				SecretBytes.random(16));
		LicenseSpec spec = this.pki.license(this.device)
			.key(audio)
			.key(uhd)
			.licenseType(LicenseType.OFFLINE)
			.policy(LicensePolicy.builder()
				.canPersist(true)
				.licenseDurationSeconds(3600)
				.renewalServerUrl("https://x")
				.build())
			.sessionToken("session_id", "s-1")
			.build();
		IssuedVoucher voucher = this.pki.voucherIssuer().issue(spec, Recipient.device(this.device.certificate()));
		OpenedVoucher opened = this.device.open(voucher.compact());
		assertThat(opened.terms()).isEqualTo(spec.terms());
		assertThat(opened.contentKeys()).hasSize(3);
		assertThat(opened.key(uhd.keyId())).get().satisfies((key) -> {
			assertThat(key.key().equalsSecret(uhd.key())).isTrue();
			assertThat(key.grant()).isEqualTo(uhd.grant());
		});
		Map<String, Object> header = Jws.header(voucher.compact());
		assertThat(header).containsEntry("alg", "ES256")
			.containsEntry("typ", VoucherIssuer.TYPE)
			.containsEntry("kid", this.pki.signingKeys().active().kid())
			.containsKey("x5c");
		String keyBlock = (String) Jws.payload(voucher.compact()).get("key_block");
		assertThat(keyBlock.split("\\.")).hasSize(5);
		assertThat(Jws.header(keyBlock)).containsEntry("alg", "ECDH-ES+A128KW")
			.containsEntry("enc", "A128GCM")
			.containsEntry("lid", spec.terms().licenseId())
			.containsEntry("cty", "jwk-set+json");
	}

	@Test
	void openWhenRsaDeviceThenRsaOaep256KeyBlock() throws Exception {
		TestDevice rsa = this.pki.newDevice().rsa().build();
		LicenseSpec spec = this.pki.license(rsa).build();
		IssuedVoucher voucher = this.pki.voucherIssuer().issue(spec, Recipient.device(rsa.certificate()));
		assertThat(Jws.header((String) Jws.payload(voucher.compact()).get("key_block"))).containsEntry("alg",
				"RSA-OAEP-256");
		assertThat(rsa.open(voucher.compact()).contentKeys().get(0).key().equalsSecret(spec.contentKeys().get(0).key()))
			.isTrue();
	}

	@Test
	void jose4jVerifiesTheVoucherAndDecryptsItsKeyBlockWithTheDevicePrivateKey() throws Exception {
		for (TestDevice recipient : List.of(this.device, this.pki.newDevice().rsa().build())) {
			LicenseSpec spec = this.pki.license(recipient).key(TestPki.contentKey(TrackType.SD)).build();
			String compact = this.pki.voucherIssuer().issue(spec, Recipient.device(recipient.certificate())).compact();
			JsonWebSignature jws = (JsonWebSignature) JsonWebStructure.fromCompactSerialization(compact);
			jws.setKey(this.pki.signingKeys().active().publicKey());
			assertThat(jws.verifySignature()).isTrue();
			assertThat(jws.getCertificateChainHeaderValue().get(0))
				.isEqualTo(this.pki.signingKeys().active().certificate());
			String keyBlock = (String) Jws.payload(compact).get("key_block");
			JsonWebEncryption jwe = (JsonWebEncryption) JsonWebStructure.fromCompactSerialization(keyBlock);
			PrivateKey privateKey = PrivateKeys.of(recipient.identity());
			jwe.setKey(privateKey);
			org.jose4j.jwk.JsonWebKeySet set = new org.jose4j.jwk.JsonWebKeySet(jwe.getPayload());
			assertThat(set.getJsonWebKeys()).hasSize(2);
			org.jose4j.jwk.OctetSequenceJsonWebKey first = (org.jose4j.jwk.OctetSequenceJsonWebKey) set
				.findJsonWebKey(spec.contentKeys().get(0).keyId().toBase64Url(), null, null, null);
			assertThat(first.getOctetSequence()).isEqualTo(spec.contentKeys().get(0).key().toByteArray());
			assertThat(jwe.getHeader("lid")).isEqualTo(spec.terms().licenseId());
		}
	}

	@Test
	void openWhenBoundToAnotherDeviceThenRefused() {
		TestDevice other = this.pki.newDevice().build();
		String voucher = issue(this.pki.license(this.device).build());
		assertRejected(() -> other.open(voucher), VoucherRejectedException.Reason.BOUND_TO_ANOTHER_DEVICE);
	}

	@Test
	void openWhenTamperedThenRefused() throws Exception {
		String voucher = issue(this.pki.license(this.device).build());
		Map<String, Object> payload = Jws.payload(voucher);
		payload.put("exp", ((Number) payload.get("exp")).longValue() + 86400);
		assertRejected(() -> this.device.open(Jws.withPayload(voucher, payload)),
				VoucherRejectedException.Reason.TAMPERED);
	}

	@Test
	void openWhenSignedByForeignSignerThenRefused() {
		TestPki foreign = TestPki.create();
		LicenseSpec spec = this.pki.license(this.device).build();
		String voucher = foreign.voucherIssuer().issue(spec, Recipient.device(this.device.certificate())).compact();
		assertRejected(() -> this.device.open(voucher), VoucherRejectedException.Reason.FOREIGN_SIGNER);
	}

	@Test
	void openWhenKeyBlockMovedFromAnotherLicenseThenRefused() throws Exception {
		String first = issue(this.pki.license(this.device).build());
		String second = issue(this.pki.license(this.device).build());
		Map<String, Object> claims = Jws.payload(first);
		claims.put("key_block", Jws.payload(second).get("key_block"));
		// Even re-signed by the genuine signing key, the key block names the other
		// license.
		String spliced = this.pki.signingKeys().sign(VoucherIssuer.TYPE, claims);
		assertRejected(() -> this.device.open(spliced), VoucherRejectedException.Reason.KEY_BLOCK_MISMATCH);
	}

	@Test
	void openWhenKeyBlockEncryptedToAnotherDeviceThenUnreadable() throws Exception {
		TestDevice other = this.pki.newDevice().build();
		LicenseSpec mine = this.pki.license(this.device).build();
		Map<String, Object> claims = Jws.payload(issue(mine));
		LicenseSpec theirs = this.pki.license(other).licenseId(mine.terms().licenseId()).build();
		claims.put("key_block",
				Jws.payload(this.pki.voucherIssuer().issue(theirs, Recipient.device(other.certificate())).compact())
					.get("key_block"));
		String spliced = this.pki.signingKeys().sign(VoucherIssuer.TYPE, claims);
		assertRejected(() -> this.device.open(spliced), VoucherRejectedException.Reason.KEY_BLOCK_UNREADABLE);
	}

	@ParameterizedTest
	@CsvSource({ "ECDH-ES, A128GCM, false", "ECDH-ES+A256KW, A128GCM, false", "ECDH-ES+A128KW, A256GCM, false",
			"ECDH-ES+A128KW, A128CBC-HS256, false", "RSA-OAEP, A128GCM, true", "RSA1_5, A128GCM, true",
			"RSA-OAEP-256, A256GCM, true" })
	void openWhenKeyBlockUsesAnotherAlgorithmThenAlgorithmNotAllowed(String algorithm, String method, boolean rsa)
			throws Exception {
		TestDevice recipient = rsa ? this.pki.newDevice().rsa().build() : this.device;
		String voucher = withForeignKeyBlock(recipient, JWEAlgorithm.parse(algorithm), EncryptionMethod.parse(method));
		assertRejected(() -> recipient.open(voucher), VoucherRejectedException.Reason.ALGORITHM_NOT_ALLOWED);
	}

	@Test
	void openWhenKeyBlockBuiltByAnotherLibraryWithTheAllowedAlgorithmsThenOpened() throws Exception {
		// The control of the test above: the same construction with the allowed
		// algorithms opens, so only the algorithm makes the difference there.
		for (TestDevice recipient : List.of(this.device, this.pki.newDevice().rsa().build())) {
			JWEAlgorithm algorithm = recipient.certificate()
				.publicKey() instanceof java.security.interfaces.RSAPublicKey ? JWEAlgorithm.RSA_OAEP_256
						: JWEAlgorithm.ECDH_ES_A128KW;
			String voucher = withForeignKeyBlock(recipient, algorithm, EncryptionMethod.A128GCM);
			assertThat(recipient.open(voucher).contentKeys()).hasSize(1);
		}
	}

	/**
	 * A voucher for {@code recipient}, re-signed by the genuine signing key, whose key
	 * block is built directly with Nimbus with the given algorithms and the right license
	 * id and keys.
	 */
	private String withForeignKeyBlock(TestDevice recipient, JWEAlgorithm algorithm, EncryptionMethod method)
			throws Exception {
		LicenseSpec spec = this.pki.license(recipient).build();
		Map<String, Object> claims = Jws
			.payload(this.pki.voucherIssuer().issue(spec, Recipient.device(recipient.certificate())).compact());
		ContentKey key = spec.contentKeys().get(0);
		String keySet = "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"" + key.keyId().toBase64Url() + "\",\"k\":\""
				+ Base64URL.encode(key.key().toByteArray()) + "\"}]}";
		JWEObject jwe = new JWEObject(
				new JWEHeader.Builder(algorithm, method).contentType(VoucherIssuer.KEY_BLOCK_CONTENT_TYPE)
					.customParam(VoucherIssuer.LICENSE_ID_HEADER, spec.terms().licenseId())
					.build(),
				new Payload(keySet));
		java.security.PublicKey publicKey = recipient.certificate().publicKey();
		jwe.encrypt((publicKey instanceof java.security.interfaces.RSAPublicKey rsa) ? new RSAEncrypter(rsa)
				: new ECDHEncrypter((java.security.interfaces.ECPublicKey) publicKey));
		claims.put("key_block", jwe.serialize());
		return this.pki.signingKeys().sign(VoucherIssuer.TYPE, claims);
	}

	@Test
	void openWhenExpiredThenRefused() {
		String voucher = issue(this.pki.license(this.device).build());
		this.pki.clock().advance(Duration.ofDays(2));
		assertRejected(() -> this.device.open(voucher), VoucherRejectedException.Reason.EXPIRED);
	}

	@Test
	void openWhenNotYetValidThenRefused() {
		String voucher = issue(
				this.pki.license(this.device).notBefore(this.pki.clock().instant().plus(Duration.ofHours(1))).build());
		assertRejected(() -> this.device.open(voucher), VoucherRejectedException.Reason.NOT_YET_VALID);
	}

	@Test
	void openWhenNotAVoucherThenMalformed() {
		assertRejected(() -> this.device.open("garbage"), VoucherRejectedException.Reason.MALFORMED);
		String challenge = this.device.challenge().build();
		assertRejected(() -> this.device.open(challenge), VoucherRejectedException.Reason.MALFORMED);
	}

	@Test
	void issueWhenRecipientDoesNotMatchBindingThenRefused() {
		TestDevice other = this.pki.newDevice().build();
		LicenseSpec spec = this.pki.license(this.device).build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.pki.voucherIssuer().issue(spec, Recipient.device(other.certificate())));
	}

	@Test
	void buildWhenExpiryBeforeStartOrDuplicateKeysThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(
				() -> this.pki.license(this.device).expiresAt(this.pki.clock().instant().minusSeconds(1)).build());
		ContentKey key = TestPki.contentKey(TrackType.HD);
		assertThatIllegalArgumentException().isThrownBy(() -> this.pki.license(this.device).key(key).key(key).build());
		assertThatIllegalArgumentException().isThrownBy(() -> LicenseSpec.builder().contentId("c").build());
	}

	@Test
	void inspectWhenSignedThenTermsWithoutKeys() {
		LicenseSpec spec = this.pki.license(this.device).build();
		assertThat(this.pki.voucherOpener().inspect(issue(spec))).isEqualTo(spec.terms());
	}

	private String issue(LicenseSpec spec) {
		return this.pki.voucherIssuer().issue(spec, Recipient.device(this.device.certificate())).compact();
	}

	private static void assertRejected(ThrowingCallable call, VoucherRejectedException.Reason reason) {
		assertThatExceptionOfType(VoucherRejectedException.class).isThrownBy(call).satisfies((ex) -> {
			assertThat(ex.reason()).isEqualTo(reason);
			assertThat(ex.code()).isEqualTo("voucher." + reason.name().toLowerCase(java.util.Locale.ROOT));
		});
	}

}
