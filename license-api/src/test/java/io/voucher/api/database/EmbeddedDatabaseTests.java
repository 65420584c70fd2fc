package io.voucher.api.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;

import io.voucher.api.VoucherApplication;
import io.voucher.api.testing.HttpTester;
import io.voucher.domain.provider.Provider;
import io.voucher.domain.provider.ProviderRepository;
import io.voucher.domain.testing.SharedEmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The application as README line 1 starts it: with no database configured it runs on its
 * own embedded PostgreSQL, whose data survive a restart; with one configured it starts
 * nothing.
 */
class EmbeddedDatabaseTests {

	@TempDir
	Path workDirectory;

	@Test
	void restartWhenEmbeddedThenDataKept() {
		Path dataDirectory = this.workDirectory.resolve("postgres");

		try (ConfigurableApplicationContext first = start(
				"--voucher.database.embedded.data-directory=" + dataDirectory)) {
			assertThat(first.getBeansOfType(EmbeddedPostgres.class)).hasSize(1);
			first.getBean(ProviderRepository.class)
				.saveAndFlush(new Provider("kept-across-restart", "Kept", Instant.parse("2026-01-01T00:00:00Z")));
			JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject("SHOW fsync", String.class)).isEqualTo("on");
			assertThat(jdbc.queryForObject("SHOW synchronous_commit", String.class)).isEqualTo("on");
		}
		assertThat(dataDirectory.resolve("postgresql.conf")).exists();

		try (ConfigurableApplicationContext second = start(
				"--voucher.database.embedded.data-directory=" + dataDirectory)) {
			assertThat(second.getBean(ProviderRepository.class).findByName("kept-across-restart"))
				.hasValueSatisfying((provider) -> assertThat(provider.displayName()).isEqualTo("Kept"));
			JsonNode platform = HttpTester.json(http(second).get("/api/v1/platform"));
			assertThat(platform.path("database").path("mode").asString()).isEqualTo("EMBEDDED");
			assertThat(platform.path("database").has("url")).as("no connection details").isFalse();
		}
	}

	@Test
	void embeddedDatabaseRefusesConnectionsWithoutTheGeneratedPasswordKeptOwnerOnly() throws Exception {
		Path dataDirectory = this.workDirectory.resolve("data").resolve("postgres");

		try (ConfigurableApplicationContext context = start(
				"--voucher.database.embedded.data-directory=" + dataDirectory)) {
			Path passwordFile = this.workDirectory.resolve("data").resolve("postgres.password");
			String url = "jdbc:postgresql://localhost:" + context.getBean(EmbeddedPostgres.class).getPort()
					+ "/voucher";

			assertThat(Files.getPosixFilePermissions(passwordFile))
				.isEqualTo(PosixFilePermissions.fromString("rw-------"));
			String password = Files.readString(passwordFile);
			assertThat(password).hasSizeGreaterThanOrEqualTo(43);
			assertRefusedWithoutPassword(url);
			try (Connection connection = DriverManager.getConnection(url, "postgres", password)) {
				assertThat(connection.isValid(5)).isTrue();
			}
			assertThat(dataDirectory.resolve("pg_hba.conf")).content().doesNotContain("trust");
		}
	}

	@Test
	void dataFolderOfAnOlderVersionGetsAPasswordOnItsFirstStart() throws Exception {
		Path dataDirectory = this.workDirectory.resolve("postgres");
		// What older versions left: trust authentication for every local user.
		try (EmbeddedPostgres older = EmbeddedPostgres.builder()
			.setDataDirectory(dataDirectory)
			.setCleanDataDirectory(false)
			.start(); Connection connection = older.getPostgresDatabase().getConnection()) {
			connection.createStatement().execute("CREATE DATABASE voucher");
		}
		assertThat(dataDirectory.resolve("pg_hba.conf")).content().contains("trust");

		try (ConfigurableApplicationContext context = start(
				"--voucher.database.embedded.data-directory=" + dataDirectory)) {
			String url = "jdbc:postgresql://localhost:" + context.getBean(EmbeddedPostgres.class).getPort()
					+ "/voucher";

			assertRefusedWithoutPassword(url);
			String password = Files.readString(this.workDirectory.resolve("postgres.password"));
			try (Connection connection = DriverManager.getConnection(url, "postgres", password)) {
				assertThat(connection.isValid(5)).isTrue();
			}
			assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT count(*) FROM provider", Long.class))
				.isNotNull();
		}
	}

	private static void assertRefusedWithoutPassword(String url) {
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> DriverManager.getConnection(url, "postgres", "").close());
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> DriverManager.getConnection(url, "postgres", "wrong password").close())
			.satisfies((refused) -> assertThat(refused.getSQLState()).isEqualTo("28P01"));
	}

	@Test
	void startWhenDatasourceUrlConfiguredThenUsesItAndStartsNothing() throws Exception {
		JdbcConnectionDetails external = SharedEmbeddedPostgres.newDatabase();
		Path unusedDataDirectory = this.workDirectory.resolve("unused");

		try (ConfigurableApplicationContext context = start("--spring.datasource.url=" + external.getJdbcUrl(),
				"--spring.datasource.username=" + external.getUsername(),
				"--voucher.database.embedded.data-directory=" + unusedDataDirectory)) {
			assertThat(context.getBeansOfType(EmbeddedPostgres.class)).isEmpty();
			JsonNode platform = HttpTester.json(http(context).get("/api/v1/platform"));
			assertThat(platform.path("database").path("mode").asString()).isEqualTo("EXTERNAL");
			assertThat(platform.toString()).doesNotContain(external.getJdbcUrl());
		}
		assertThat(Files.exists(unusedDataDirectory)).isFalse();
	}

	private static ConfigurableApplicationContext start(String... args) {
		String[] all = new String[args.length + 1];
		System.arraycopy(args, 0, all, 0, args.length);
		all[args.length] = "--server.port=0";
		return new SpringApplicationBuilder(VoucherApplication.class).run(all);
	}

	private static HttpTester http(ConfigurableApplicationContext context) {
		return new HttpTester(((WebServerApplicationContext) context).getWebServer().getPort());
	}

}
