package io.voucher.domain.provider;

import java.time.Instant;

import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@PostgresTest
class ProviderRepositoryTests {

	@Autowired
	ProviderRepository providers;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void findByNameWhenSavedThenFound() {
		this.providers.saveAndFlush(new Provider("acme-media", "Acme Media", Instant.parse("2026-01-01T00:00:00Z")));

		assertThat(this.providers.findByName("acme-media")).hasValueSatisfying((provider) -> {
			assertThat(provider.displayName()).isEqualTo("Acme Media");
			assertThat(provider.createdAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
		});
	}

	@Test
	void saveWhenNameTakenThenRefusedByDatabase() {
		this.providers.saveAndFlush(new Provider("acme", "Acme", Instant.now()));

		assertThatExceptionOfType(DataIntegrityViolationException.class)
			.isThrownBy(() -> this.providers.saveAndFlush(new Provider("acme", "Acme again", Instant.now())));
	}

	@Test
	void migrationsRunOnRealPostgresql() {
		String version = this.jdbc.queryForObject("SELECT version()", String.class);

		assertThat(version).startsWith("PostgreSQL");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM flyway_schema_history WHERE success", Integer.class))
			.isPositive();
	}

	@Test
	void newProviderWhenNameInvalidThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Provider("Bad Name", "x", Instant.now()));
		assertThatIllegalArgumentException().isThrownBy(() -> new Provider("ok", " ", Instant.now()));
	}

}
