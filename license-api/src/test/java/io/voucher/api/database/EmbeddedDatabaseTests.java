package io.voucher.api.database;

import java.nio.file.Files;
import java.nio.file.Path;
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
			assertThat(platform.path("database").path("url").asString()).endsWith("/voucher");
		}
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
			assertThat(platform.path("database").path("url").asString()).isEqualTo(external.getJdbcUrl());
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
