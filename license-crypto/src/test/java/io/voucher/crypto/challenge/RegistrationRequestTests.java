package io.voucher.crypto.challenge;

import java.time.Duration;

import io.voucher.crypto.testing.Jws;
import io.voucher.crypto.testing.TestDevice;
import io.voucher.crypto.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RegistrationRequestTests {

	private final TestPki pki = TestPki.create();

	private final TestDevice device = this.pki.newDevice().build();

	private final ChallengeVerifier verifier = this.pki.challengeVerifier();

	@Test
	void verifyRegistrationWhenSignedByDeviceThenGeneratedIdProviderAndDevice() throws Exception {
		GeneratedId id = GeneratedId.random();
		String compact = this.device.register(id, "acme");
		VerifiedRegistration verified = this.verifier.verifyRegistration(compact);
		assertThat(verified.request().generatedId()).isEqualTo(id);
		assertThat(verified.request().provider()).isEqualTo("acme");
		assertThat(verified.device().fingerprint()).isEqualTo(this.device.fingerprint());
		assertThat(verified.jti()).hasSizeGreaterThanOrEqualTo(16);
		assertThat(Jws.header(compact)).containsEntry("typ", RegistrationRequest.TYPE).containsKey("x5c");
	}

	@Test
	void verifyRegistrationWhenGivenAChallengeThenWrongType() {
		String challenge = this.device.challenge().build();
		assertThatExceptionOfType(ChallengeRejectedException.class)
			.isThrownBy(() -> this.verifier.verifyRegistration(challenge))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ChallengeRejectedException.Reason.WRONG_TYPE));
	}

	@Test
	void verifyWhenGivenARegistrationThenWrongType() {
		String registration = this.device.register(GeneratedId.random(), "acme");
		assertThatExceptionOfType(ChallengeRejectedException.class).isThrownBy(() -> this.verifier.verify(registration))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ChallengeRejectedException.Reason.WRONG_TYPE));
	}

	@Test
	void verifyRegistrationWhenGeneratedIdNotRandomThenInvalidClaims() {
		java.util.Map<String, Object> claims = RegistrationRequest.of(GeneratedId.random(), "acme", this.pki.clock())
			.toClaims();
		claims.put("gid", "aaaaaaaaaaaaaaaaaaaaaaaaaaaa");
		String compact = this.device.identity().signJws(RegistrationRequest.TYPE, claims);
		assertThatExceptionOfType(ChallengeRejectedException.class)
			.isThrownBy(() -> this.verifier.verifyRegistration(compact))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ChallengeRejectedException.Reason.INVALID_CLAIMS));
	}

	@Test
	void verifyRegistrationWhenOlderThanSkewThenStale() {
		String compact = this.device.register(GeneratedId.random(), "acme");
		this.pki.clock().advance(Duration.ofMinutes(6));
		assertThatExceptionOfType(ChallengeRejectedException.class)
			.isThrownBy(() -> this.verifier.verifyRegistration(compact))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ChallengeRejectedException.Reason.STALE));
	}

	@ParameterizedTest
	@ValueSource(strings = { "short", "has spaces in it and is long enough", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
			"ééééééééééééééééééééééééééééé", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0" })
	void generatedIdWhenNotRandomLookingThenRefused(String value) {
		assertThatIllegalArgumentException().isThrownBy(() -> new GeneratedId(value));
	}

	@Test
	void generatedIdRandomIsBase64UrlOf32Bytes() {
		GeneratedId id = GeneratedId.random();
		assertThat(id.value()).hasSize(43).matches("[A-Za-z0-9_-]+");
		assertThat(GeneratedId.random()).isNotEqualTo(id);
	}

}
