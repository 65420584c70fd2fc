package io.voucher.api.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.voucher.crypto.keys.OwnerOnlyFiles;
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
 * normal durability (fsync on), so data survives restarts. Every connection needs a
 * password, generated on first start and kept owner-only beside the data folder
 * ({@link EmbeddedDatabaseProperties#passwordFile()}).
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@ConditionalOnClass(EmbeddedPostgres.class)
@Conditional(NoDatasourceUrlCondition.class)
@ConditionalOnMissingBean(JdbcConnectionDetails.class)
@EnableConfigurationProperties(EmbeddedDatabaseProperties.class)
public class EmbeddedPostgresAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(EmbeddedPostgresAutoConfiguration.class);

	/**
	 * The client authentication of the embedded server: a password for every connection.
	 */
	static final String PG_HBA = """
			# Written by Voucher at every start of its embedded PostgreSQL: every connection,
			# local or over TCP, authenticates with the generated password (SCRAM).
			local all all scram-sha-256
			host all all 127.0.0.1/32 scram-sha-256
			host all all ::1/128 scram-sha-256
			""";

	@Bean(destroyMethod = "close")
	EmbeddedPostgres embeddedPostgres(EmbeddedDatabaseProperties properties) {
		Path dataDirectory = properties.absoluteDataDirectory();
		try {
			Path parent = dataDirectory.getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			String password = OwnerOnlyFiles.secret(properties.passwordFile());
			EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
				.setDataDirectory(dataDirectory)
				.setCleanDataDirectory(false)
				// Its own start-up check connects as postgres: with the password once
				// password authentication is on.
				.setConnectConfig("password", password)
				.setServerConfig("listen_addresses", "localhost")
				.setServerConfig("password_encryption", "scram-sha-256")
				// Production durability, not the test-oriented defaults of the embedded
				// binaries.
				.setServerConfig("fsync", "on")
				.setServerConfig("synchronous_commit", "on")
				.setServerConfig("full_page_writes", "on");
			if (properties.port() != 0) {
				builder.setPort(properties.port());
			}
			EmbeddedPostgres postgres = builder.start();
			requirePassword(postgres, dataDirectory, password);
			createDatabaseIfAbsent(postgres, password, properties.databaseName());
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
		try {
			return new EmbeddedConnectionDetails(
					"jdbc:postgresql://localhost:" + postgres.getPort() + "/" + properties.databaseName(),
					OwnerOnlyFiles.secret(properties.passwordFile()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + properties.passwordFile(), ex);
		}
	}

	/**
	 * Turns password authentication on: a new data folder (initialized with trust
	 * authentication) or one of an older version gets the generated password for
	 * {@code postgres} and a {@code pg_hba.conf} that asks every connection for it.
	 */
	private static void requirePassword(EmbeddedPostgres postgres, Path dataDirectory, String password)
			throws IOException {
		Path hba = dataDirectory.resolve("pg_hba.conf");
		if (Files.readString(hba).equals(PG_HBA)) {
			return;
		}
		try (Connection connection = connect(postgres, password, "postgres");
				Statement statement = connection.createStatement()) {
			// The generated password is base64url: nothing to escape.
			statement.execute("ALTER ROLE postgres PASSWORD '" + password + "'");
			Files.writeString(hba, PG_HBA);
			statement.execute("SELECT pg_reload_conf()");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not turn on password authentication in embedded PostgreSQL", ex);
		}
		logger.info("Embedded PostgreSQL now requires the password kept in its password file");
	}

	private static Connection connect(EmbeddedPostgres postgres, String password, String database) throws SQLException {
		return DriverManager.getConnection("jdbc:postgresql://localhost:" + postgres.getPort() + "/" + database,
				"postgres", password);
	}

	private static void createDatabaseIfAbsent(EmbeddedPostgres postgres, String password, String name) {
		try (Connection connection = connect(postgres, password, "postgres")) {
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
	 * Connection details of the embedded server: the {@code postgres} user with the
	 * generated password, reachable from this machine only.
	 */
	record EmbeddedConnectionDetails(String getJdbcUrl, String getPassword) implements JdbcConnectionDetails {

		@Override
		public String getUsername() {
			return "postgres";
		}

		@Override
		public String toString() {
			return "EmbeddedConnectionDetails[" + this.getJdbcUrl + "]";
		}

	}

}
