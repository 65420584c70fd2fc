package io.voucher.domain.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * One embedded PostgreSQL server per test JVM; every Spring test context gets a database
 * of its own on it, so contexts never see each other's rows. The server runs with the
 * embedded defaults meant for tests (no fsync, data in a temporary directory) and stops
 * when the JVM exits.
 */
public final class SharedEmbeddedPostgres {

	private static final AtomicInteger databases = new AtomicInteger();

	private static volatile EmbeddedPostgres server;

	private SharedEmbeddedPostgres() {
	}

	/**
	 * Creates a new, empty database on the shared server.
	 * @return connection details of the new database
	 */
	public static JdbcConnectionDetails newDatabase() {
		EmbeddedPostgres postgres = server();
		String name = "voucher_test_" + databases.incrementAndGet();
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not create test database " + name, ex);
		}
		String url = "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + name;
		return new JdbcConnectionDetails() {

			@Override
			public String getUsername() {
				return "postgres";
			}

			@Override
			public String getPassword() {
				return "";
			}

			@Override
			public String getJdbcUrl() {
				return url;
			}

		};
	}

	private static EmbeddedPostgres server() {
		EmbeddedPostgres result = server;
		if (result == null) {
			synchronized (SharedEmbeddedPostgres.class) {
				result = server;
				if (result == null) {
					result = start();
					server = result;
				}
			}
		}
		return result;
	}

	private static EmbeddedPostgres start() {
		try {
			return EmbeddedPostgres.builder().setRegisterShutdownHook(true).start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start embedded PostgreSQL for tests", ex);
		}
	}

}
