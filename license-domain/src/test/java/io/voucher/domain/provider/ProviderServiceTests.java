package io.voucher.domain.provider;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.voucher.crypto.testing.TestClock;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@PostgresTest
@Import({ ProviderService.class, ProviderServiceTests.Clocks.class })
class ProviderServiceTests {

	@Autowired
	ProviderService service;

	@Autowired
	TestClock clock;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void authenticateWhenTokenValidThenItsProvider() {
		this.service.create("acme", "Acme");
		this.service.create("other", "Other");
		IssuedCredential issued = this.service.createCredential("acme", "backend");

		assertThat(this.service.authenticate(issued.token())).hasValueSatisfying((credential) -> {
			assertThat(credential.provider().name()).isEqualTo("acme");
			assertThat(credential.prefix()).isEqualTo(issued.credential().prefix());
			assertThat(credential.keyExport()).isFalse();
		});
	}

	@Test
	void authenticateWhenSecretWrongOrMalformedThenNobody() {
		this.service.create("acme", "Acme");
		String token = this.service.createCredential("acme", "backend").token();
		String wrongSecret = token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A");

		assertThat(this.service.authenticate(wrongSecret)).isEmpty();
		assertThat(this.service.authenticate("vch_short")).isEmpty();
		assertThat(this.service.authenticate("")).isEmpty();
	}

	@Test
	void storedCredentialHoldsNoSecret() {
		this.service.create("acme", "Acme");
		IssuedCredential issued = this.service.createCredential("acme", "backend");
		String secret = issued.token().substring(issued.token().lastIndexOf('_') + 1);

		String row = this.jdbc.queryForObject(
				"SELECT concat_ws('|', prefix, encode(secret_hash, 'base64'), label) FROM provider_credential",
				String.class);
		assertThat(row).doesNotContain(secret);
		assertThat(issued.toString()).doesNotContain(secret);
		assertThat(issued.credential().toString()).doesNotContain(secret);
	}

	@Test
	void keyExportIsOnlyForCredentialsCreatedWithItAndSurvivesRotation() {
		this.service.create("acme", "Acme");
		IssuedCredential packager = this.service.createCredential("acme", "packager", true);

		IssuedCredential rotated = this.service.rotateCredential("acme", packager.credential().prefix(),
				Duration.ofMinutes(5));

		assertThat(this.service.authenticate(packager.token()))
			.hasValueSatisfying((credential) -> assertThat(credential.keyExport()).isTrue());
		assertThat(this.service.authenticate(rotated.token()))
			.hasValueSatisfying((credential) -> assertThat(credential.keyExport()).isTrue());
	}

	@Test
	void revokeWhenRevokedThenRefusedAtOnce() {
		this.service.create("acme", "Acme");
		IssuedCredential issued = this.service.createCredential("acme", "backend");

		this.service.revokeCredential("acme", issued.credential().prefix());

		assertThat(this.service.authenticate(issued.token())).isEmpty();
	}

	@Test
	void rotateWhenGracePeriodRunsOutThenOldRefusedNewAccepted() {
		this.service.create("acme", "Acme");
		IssuedCredential old = this.service.createCredential("acme", "backend");

		IssuedCredential rotated = this.service.rotateCredential("acme", old.credential().prefix(),
				Duration.ofHours(1));

		assertThat(this.service.authenticate(old.token())).isPresent();
		assertThat(this.service.authenticate(rotated.token())).isPresent();
		this.clock.advance(Duration.ofHours(1));
		assertThat(this.service.authenticate(old.token())).isEmpty();
		assertThat(this.service.authenticate(rotated.token())).isPresent();
		assertThat(this.service.credentials("acme")).hasSize(2);
	}

	@Test
	void credentialOfAnotherProviderCannotBeRevoked() {
		this.service.create("acme", "Acme");
		this.service.create("other", "Other");
		IssuedCredential acme = this.service.createCredential("acme", "backend");

		assertThatExceptionOfType(CredentialNotFoundException.class)
			.isThrownBy(() -> this.service.revokeCredential("other", acme.credential().prefix()));
		assertThat(this.service.authenticate(acme.token())).isPresent();
	}

	@Test
	void createWhenNameTakenThenAlreadyExists() {
		this.service.create("acme", "Acme");

		assertThatExceptionOfType(ProviderAlreadyExistsException.class)
			.isThrownBy(() -> this.service.create("acme", "Acme again"));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		TestClock clock() {
			return new TestClock(Instant.parse("2026-06-01T00:00:00Z"));
		}

	}

}
