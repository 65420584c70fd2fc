package io.voucher.api.platform;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Finds out which database the platform runs on, once, and says so in the log at start.
 */
@Component
class DatabaseInspector {

	private static final Logger logger = LoggerFactory.getLogger(DatabaseInspector.class);

	private final DataSource dataSource;

	private final boolean embedded;

	private volatile DatabaseInfo info;

	private volatile String url = "unknown";

	DatabaseInspector(DataSource dataSource, ObjectProvider<EmbeddedPostgres> embeddedPostgres) {
		this.dataSource = dataSource;
		this.embedded = embeddedPostgres.getIfAvailable() != null;
	}

	DatabaseInfo info() {
		DatabaseInfo result = this.info;
		if (result == null) {
			result = inspect();
			this.info = result;
		}
		return result;
	}

	@EventListener(ApplicationReadyEvent.class)
	void logDatabase() {
		DatabaseInfo database = info();
		// The operator's log, not an answer: the only place the connection shows.
		logger.info("Database: {} {} {} at {}", database.mode(), database.product(), database.productVersion(),
				this.url);
	}

	private DatabaseInfo inspect() {
		try (Connection connection = this.dataSource.getConnection()) {
			DatabaseMetaData metaData = connection.getMetaData();
			this.url = DatabaseInfo.withoutCredentials(metaData.getURL());
			return new DatabaseInfo(this.embedded ? DatabaseMode.EMBEDDED : DatabaseMode.EXTERNAL,
					metaData.getDatabaseProductName(), metaData.getDatabaseProductVersion());
		}
		catch (SQLException ex) {
			throw new DatabaseUnavailableException(ex);
		}
	}

}
