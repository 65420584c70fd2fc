package io.voucher.api.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Starts an embedded PostgreSQL (real PostgreSQL binaries) when no database is
 * configured, so that one command runs the whole platform on a fresh machine. Unlike the
 * embedded defaults meant for tests, it keeps its data in a configured directory with
 * normal durability (fsync on), so data survives restarts.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnClass(EmbeddedPostgres.class)
@Conditional(NoDatasourceUrlCondition.class)
@ConditionalOnMissingBean(JdbcConnectionDetails.class)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
public class EmbeddedPostgresAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedPostgresAutoConfiguration.class);

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) {
		Path dataDirectory = properties.absoluteDataDirectory();
		try {
			Files.createDirectories(dataDirectory);
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(false)
				.setServerConfig("listen_addresses", "localhost")
				// Production durability, not the test-oriented defaults of the embedded
				// binaries.
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("full_page_writes", "on");
			if (properties.port() != 0) {
				builder.setPort(properties.port());
			}
			EmbeddedPostgres postgres = builder.start();
			createDatabaseIfAbsent(postgres, properties.databaseName());
			logger.info("Using embedded PostgreSQL on localhost:{} with data in {}", postgres.getPort(), dataDirectory);
			return postgres;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start embedded PostgreSQL with data in " + dataDirectory, ex);
		}
	}

	@Bean
	JdbcConnectionDetails embeddedPostgresConnectionDetails(EmbeddedPostgres postgres,
			EmbeddedDatabaseProperties properties) {
		return new EmbeddedConnectionDetails(
				"jdbc:postgresql://localhost:" + postgres.getPort() + "/" + properties.databaseName());
	}

	private static void createDatabaseIfAbsent(EmbeddedPostgres postgres, String name) {
		try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
			boolean exists;
			try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
				query.setString(1, name);
				try (ResultSet result = query.executeQuery()) {
					exists = result.next();
				}
			}
			if (!exists) {
				try (Statement statement = connection.createStatement()) {
					// The name is validated as an SQL identifier by the properties.
					statement.execute("CREATE DATABASE " + name);
				}
				logger.info("Created database '{}' in embedded PostgreSQL", name);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not prepare database '" + name + "' in embedded PostgreSQL", ex);
		}
	}

	/**
	 * Connection details of the embedded server: local trust authentication as the
	 * {@code postgres} superuser, reachable from this machine only.
	 */
	record EmbeddedConnectionDetails(String getJdbcUrl) implements JdbcConnectionDetails {

		@Override
		public String getUsername() {
			return "postgres";
		}

		@Override
		public String getPassword() {
			return "";
		}

	}

}
