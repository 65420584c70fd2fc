package io.voucher.api.database;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL started when no {@code spring.datasource.url} is configured.
 *
 * @param dataDirectory where the database files live; kept across restarts. The generated
 * password of its {@code postgres} user is kept owner-only beside it, in
 * {@code <data-directory>.password}
 * @param port the port it listens on (loopback only); {@code 0} picks a free one
 * @param databaseName the database the application uses
 */
@ConfigurationProperties("voucher.database.embedded")
public record EmbeddedDatabaseProperties(@DefaultValue("data/postgres") Path dataDirectory, @DefaultValue("0") int port,
		@DefaultValue("voucher") String databaseName) {

	public EmbeddedDatabaseProperties {
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("voucher.database.embedded.port must be between 0 and 65535");
		}
		if (!databaseName.matches("[a-z_][a-z0-9_]{0,62}")) {
			throw new IllegalArgumentException(
					"voucher.database.embedded.database-name must be a lower-case SQL identifier");
		}
	}

	/**
	 * The owner-only file, beside the data directory, that holds the generated password
	 * of the {@code postgres} user: {@code <data-directory>.password}.
	 * @return the password file
	 */
	public Path passwordFile() {
		Path data = absoluteDataDirectory();
		return data.resolveSibling(data.getFileName() + ".password");
	}

	/**
	 * Returns the data directory as an absolute path.
	 * @return the absolute, normalized data directory
	 */
	public Path absoluteDataDirectory() {
		return this.dataDirectory.toAbsolutePath().normalize();
	}

}
