package io.voucher.api.platform;

/**
 * Whether the platform runs on its embedded PostgreSQL or on a configured server.
 */
public enum DatabaseMode {

	/** The embedded PostgreSQL started by the application itself. */
	EMBEDDED,

	/** A PostgreSQL server configured with {@code spring.datasource.url}. */
	EXTERNAL

}
