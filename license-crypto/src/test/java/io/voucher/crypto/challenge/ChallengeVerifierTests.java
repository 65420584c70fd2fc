package io.voucher.crypto.challenge;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.JSONObjectUtils;
import io.voucher.crypto.internal.Jose;
import io.voucher.crypto.internal.PrivateKeys;
import io.voucher.crypto.pki.CertificateRejectedException;
import io.voucher.crypto.testing.Jws;
import io.voucher.crypto.testing.TestDevice;
import io.voucher.crypto.testing.TestPki;
import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.LicenseType;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ChallengeVerifierTests {

	private final TestPki pki = TestPki.create();

	private final TestDevice device = this.pki.newDevice().build();

	private final ChallengeVerifier verifier = this.pki.challengeVerifier();

	@Test
	void verifyWhenEcDeviceSignedThenTypedChallenge() throws Exception {
		KeyId kid = KeyId.random();
		String compact = this.device.challenge()
			.contentId("movie-1")
			.keyIds(kid)
			.licenseType(LicenseType.OFFLINE)
			.clientToken("ct")
			.build();
		VerifiedChallenge verified = this.verifier.verify(compact);
		assertThat(verified.device().fingerprint()).isEqualTo(this.device.fingerprint());
		assertThat(verified.challenge().contentId()).isEqualTo("movie-1");
		assertThat(verified.challenge().keyIds()).containsExactly(kid);
		assertThat(verified.challenge().licenseType()).isEqualTo(LicenseType.OFFLINE);
		assertThat(verified.challenge().requestType()).isEqualTo(RequestType.NEW);
		assertThat(verified.challenge().clientToken()).isEqualTo("ct");
		assertThat(verified.jti()).isNotBlank();
		assertThat(Jws.header(compact)).containsEntry("alg", "ES256")
			.containsEntry("typ", Challenge.TYPE)
			.containsKey("x5c");
	}

	@Test
	void verifyWhenRsaDeviceThenPs256Accepted() throws Exception {
		TestDevice rsa = this.pki.newDevice().rsa().build();
		String compact = rsa.challenge().renewal("lic-1", "session-1").build();
		assertThat(Jws.header(compact)).containsEntry("alg", "PS256");
		VerifiedChallenge verified = this.verifier.verify(compact);
		assertThat(verified.challenge().requestType()).isEqualTo(RequestType.RENEWAL);
		assertThat(verified.challenge().licenseId()).isEqualTo("lic-1");
		assertThat(verified.challenge().sessionToken()).isEqualTo("session-1");
	}

	@Test
	void verifyWhenAlgNoneThenAlgorithmNotAllowed() throws Exception {
		String compact = this.device.challenge().build();
		String header = Jws.encode("{\"alg\":\"none\",\"typ\":\"" + Challenge.TYPE + "\"}");
		String none = header + "." + compact.split("\\.")[1] + ".";
		assertRejected(() -> this.verifier.verify(none), ChallengeRejectedException.Reason.ALGORITHM_NOT_ALLOWED);
	}

	@Test
	void verifyWhenHmacThenAlgorithmNotAllowed() throws Exception {
		JWSObject jws = new JWSObject(header(JWSAlgorithm.HS256, this.device), claims());
		jws.sign(new MACSigner(new byte[32]));
		assertRejected(() -> this.verifier.verify(jws.serialize()),
				ChallengeRejectedException.Reason.ALGORITHM_NOT_ALLOWED);
	}

	@Test
	void verifyWhenRs256WithRsaKeyThenAlgorithmNotAllowed() throws Exception {
		TestDevice rsa = this.pki.newDevice().rsa().build();
		JWSObject jws = new JWSObject(header(JWSAlgorithm.RS256, rsa), claims());
		jws.sign(new RSASSASigner(PrivateKeys.of(rsa.identity())));
		assertRejected(() -> this.verifier.verify(jws.serialize()),
				ChallengeRejectedException.Reason.ALGORITHM_NOT_ALLOWED);
	}

	@Test
	void verifyWhenPs256HeaderOnEcKeyThenAlgorithmNotAllowed() throws Exception {
		TestDevice rsa = this.pki.newDevice().rsa().build();
		// Signed by an RSA key but presenting the EC device's chain.
		JWSObject jws = new JWSObject(header(JWSAlgorithm.PS256, this.device), claims());
		jws.sign(new RSASSASigner(PrivateKeys.of(rsa.identity())));
		assertRejected(() -> this.verifier.verify(jws.serialize()),
				ChallengeRejectedException.Reason.ALGORITHM_NOT_ALLOWED);
	}

	@Test
	void verifyWhenCritHeaderThenUnknownCriticalHeader() throws Exception {
		JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType(Challenge.TYPE))
			.x509CertChain(Jose.encodeChain(this.device.certificate().chain()))
			.criticalParams(java.util.Set.of("exp-policy"))
			.customParam("exp-policy", "strict")
			.build();
		JWSObject jws = new JWSObject(header, claims());
		jws.sign(Jose.signer(PrivateKeys.of(this.device.identity())));
		assertRejected(() -> this.verifier.verify(jws.serialize()),
				ChallengeRejectedException.Reason.UNKNOWN_CRITICAL_HEADER);
	}

	@ParameterizedTest(name = "crit {0}")
	@ValueSource(strings = { "[]", "null", "[\"\"]" })
	void verifyWhenCritPresentInAnyFormThenUnknownCriticalHeader(String crit) throws Exception {
		String header = "{\"alg\":\"ES256\",\"typ\":\"" + Challenge.TYPE + "\",\"crit\":" + crit + ",\"x5c\":"
				+ JSONObjectUtils.toJSONString(Map.of("x5c", x5c(this.device))).substring(7);
		String compact = signRaw(header, JSONObjectUtils.toJSONString(this.device.challenge().unsigned().toClaims()));
		assertRejected(() -> this.verifier.verify(compact), ChallengeRejectedException.Reason.UNKNOWN_CRITICAL_HEADER);
	}

	@ParameterizedTest(name = "iat {0}")
	@ValueSource(strings = { "9223372036854775808", "9223372036854775807", "1e30", "-4611686018427387904", "-1",
			"253402300800", "1.5" })
	void verifyWhenIatOutOfRangeThenInvalidClaims(String iat) throws Exception {
		Map<String, Object> claims = new LinkedHashMap<>(this.device.challenge().unsigned().toClaims());
		claims.remove("iat");
		String json = JSONObjectUtils.toJSONString(claims);
		json = json.substring(0, json.length() - 1) + ",\"iat\":" + iat + "}";
		String header = "{\"alg\":\"ES256\",\"typ\":\"" + Challenge.TYPE + "\",\"x5c\":"
				+ JSONObjectUtils.toJSONString(Map.of("x5c", x5c(this.device))).substring(7);
		String compact = signRaw(header, json);
		assertRejected(() -> this.verifier.verify(compact), ChallengeRejectedException.Reason.INVALID_CLAIMS);
	}

	@ParameterizedTest(name = "iat {0}")
	@ValueSource(strings = { "9223372036854775808", "1e30", "-4611686018427387904" })
	void verifyRegistrationWhenIatOutOfRangeThenInvalidClaims(String iat) throws Exception {
		Map<String, Object> claims = new LinkedHashMap<>(
				RegistrationRequest.of(new GeneratedId("Zx8kQ2mN5pR7tV9wY1bC3dF6gH"), "provider", Clock.systemUTC())
					.toClaims());
		claims.remove("iat");
		String json = JSONObjectUtils.toJSONString(claims);
		json = json.substring(0, json.length() - 1) + ",\"iat\":" + iat + "}";
		String header = "{\"alg\":\"ES256\",\"typ\":\"" + RegistrationRequest.TYPE + "\",\"x5c\":"
				+ JSONObjectUtils.toJSONString(Map.of("x5c", x5c(this.device))).substring(7);
		String compact = signRaw(header, json);
		assertRejected(() -> this.verifier.verifyRegistration(compact),
				ChallengeRejectedException.Reason.INVALID_CLAIMS);
	}

	private static List<String> x5c(TestDevice device) {
		return Jose.encodeChain(device.certificate().chain()).stream().map(Object::toString).toList();
	}

	private String signRaw(String headerJson, String payloadJson) throws Exception {
		String signingInput = Jws.encode(headerJson) + "." + Jws.encode(payloadJson);
		JWSHeader parsed = JWSHeader.parse(headerJson);
		String signature = Jose.signer(PrivateKeys.of(this.device.identity()))
			.sign(parsed, signingInput.getBytes(java.nio.charset.StandardCharsets.US_ASCII))
			.toString();
		return signingInput + "." + signature;
	}

	@Test
	void verifyWhenWrongTypThenWrongType() {
		String compact = this.device.identity()
			.signJws("voucher-license+jwt", this.device.challenge().unsigned().toClaims());
		assertRejected(() -> this.verifier.verify(compact), ChallengeRejectedException.Reason.WRONG_TYPE);
	}

	@Test
	void verifyWhenNoX5cThenMissingCertificateChain() throws Exception {
		JWSObject jws = new JWSObject(
				new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType(Challenge.TYPE)).build(), claims());
		jws.sign(Jose.signer(PrivateKeys.of(this.device.identity())));
		assertRejected(() -> this.verifier.verify(jws.serialize()),
				ChallengeRejectedException.Reason.MISSING_CERTIFICATE_CHAIN);
	}

	@Test
	void verifyWhenDeviceFromUnknownRootThenCertificateRejected() {
		io.voucher.crypto.pki.DeviceCertificate foreign = io.voucher.crypto.pki.DeviceCa
			.generate("Elsewhere", false, this.pki.clock())
			.issue(io.voucher.crypto.pki.DeviceKeyPair.generate(io.voucher.crypto.pki.KeyType.EC_P256).createCsr(),
					new io.voucher.crypto.pki.DeviceProfile("A", "B", io.voucher.crypto.pki.SecurityLevel.of(1),
							io.voucher.crypto.pki.HdcpVersion.HDCP_NONE));
		TestDevice other = TestPki.create().newDevice().build();
		assertThatExceptionOfType(ChallengeRejectedException.class)
			.isThrownBy(() -> this.verifier.verify(other.challenge().build()))
			.satisfies((ex) -> {
				assertThat(ex.reason()).isEqualTo(ChallengeRejectedException.Reason.CERTIFICATE_REJECTED);
				assertThat(ex.certificateReason()).isIn(CertificateRejectedException.Reason.BAD_SIGNATURE,
						CertificateRejectedException.Reason.UNKNOWN_ROOT);
			});
		assertThat(foreign.make()).isEqualTo("A");
	}

	@Test
	void verifyWhenDeviceCertificateExpiredThenCertificateRejectedExpired() {
		String compact = this.device.challenge().build();
		this.pki.clock().advance(Duration.ofDays(3651));
		assertThatExceptionOfType(ChallengeRejectedException.class).isThrownBy(() -> this.verifier.verify(compact))
			.satisfies(
					(ex) -> assertThat(ex.certificateReason()).isEqualTo(CertificateRejectedException.Reason.EXPIRED));
	}

	@Test
	void verifyWhenPayloadAlteredThenBadSignature() throws Exception {
		String compact = this.device.challenge().contentId("c1").build();
		Map<String, Object> payload = Jws.payload(compact);
		payload.put("cid", "c2");
		assertRejected(() -> this.verifier.verify(Jws.withPayload(compact, payload)),
				ChallengeRejectedException.Reason.BAD_SIGNATURE);
	}

	@Test
	void verifyWhenSignedByAnotherDeviceKeyThenBadSignature() throws Exception {
		TestDevice other = this.pki.newDevice().build();
		JWSObject jws = new JWSObject(header(JWSAlgorithm.ES256, this.device), claims());
		jws.sign(Jose.signer(PrivateKeys.of(other.identity())));
		assertRejected(() -> this.verifier.verify(jws.serialize()), ChallengeRejectedException.Reason.BAD_SIGNATURE);
	}

	@Test
	void verifyWhenIssuedInFutureThenRefused() {
		String compact = this.device.challenge()
			.issuedAt(this.pki.clock().instant().plus(Duration.ofMinutes(10)))
			.build();
		assertRejected(() -> this.verifier.verify(compact), ChallengeRejectedException.Reason.ISSUED_IN_FUTURE);
	}

	@Test
	void verifyWhenOlderThanSkewThenStale() {
		String compact = this.device.challenge().build();
		this.pki.clock().advance(Duration.ofMinutes(6));
		assertRejected(() -> this.verifier.verify(compact), ChallengeRejectedException.Reason.STALE);
	}

	@Test
	void verifyWhenWithinConfiguredSkewThenAccepted() {
		String compact = this.device.challenge().build();
		this.pki.clock().advance(Duration.ofMinutes(6));
		ChallengeVerifier lenient = new ChallengeVerifier(this.pki.chainValidator(), this.pki.clock(),
				Duration.ofMinutes(10));
		assertThat(lenient.verify(compact).challenge().contentId()).isEqualTo("c1");
	}

	@Test
	void verifyWhenClaimMissingThenInvalidClaims() {
		Map<String, Object> claims = new LinkedHashMap<>(this.device.challenge().unsigned().toClaims());
		claims.remove("cid");
		String compact = this.device.identity().signJws(Challenge.TYPE, claims);
		assertRejected(() -> this.verifier.verify(compact), ChallengeRejectedException.Reason.INVALID_CLAIMS);
	}

	@Test
	void verifyWhenUnencodedPayloadWithoutCritThenMalformed() throws Exception {
		String compact = this.device.challenge().build();
		Map<String, Object> header = Jws.header(compact);
		header.put("b64", false);
		String unencoded = Jws.encode(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(header))
				+ compact.substring(compact.indexOf('.'));
		assertRejected(() -> this.verifier.verify(unencoded), ChallengeRejectedException.Reason.MALFORMED);
	}

	@Test
	void verifyWhenSegmentLengthNoBase64CanHaveThenMalformed() {
		String compact = this.device.challenge().build();
		String[] parts = compact.split("\\.");
		// 4k + 1 characters encode no byte string.
		String payload = (parts[1].length() % 4 == 0) ? parts[1] + "A"
				: parts[1] + "AAAA".substring(0, (5 - parts[1].length() % 4) % 4);
		assertThat(payload.length() % 4).isEqualTo(1);
		assertRejected(() -> this.verifier.verify(parts[0] + "." + payload + "." + parts[2]),
				ChallengeRejectedException.Reason.MALFORMED);
	}

	@Test
	void verifyWhenNotAJwsThenMalformed() {
		assertRejected(() -> this.verifier.verify("not.a.jws"), ChallengeRejectedException.Reason.MALFORMED);
	}

	@Test
	void buildWhenRenewalWithoutLicenseIdThenRefused() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> Challenge.builder().contentId("c").requestType(RequestType.RENEWAL).build());
	}

	private JWSHeader header(JWSAlgorithm algorithm, TestDevice signer) {
		return new JWSHeader.Builder(algorithm).type(new JOSEObjectType(Challenge.TYPE))
			.x509CertChain(Jose.encodeChain(signer.certificate().chain()))
			.build();
	}

	private Payload claims() {
		return new Payload(
				com.nimbusds.jose.util.JSONObjectUtils.toJSONString(this.device.challenge().unsigned().toClaims()));
	}

	private static void assertRejected(ThrowingCallable call, ChallengeRejectedException.Reason reason) {
		assertThatExceptionOfType(ChallengeRejectedException.class).isThrownBy(call)
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

	static List<String> unused() {
		return List.of();
	}

}
