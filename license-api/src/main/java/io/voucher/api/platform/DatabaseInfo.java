package io.voucher.api.platform;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The database the platform uses, as anyone may see it: no connection details (host,
 * port, URL), which only the start-up log shows.
 *
 * @param mode embedded or external
 * @param product the database product name
 * @param productVersion the server's version
 */
@Schema(name = "DatabaseInfo", description = "The database the platform uses (no connection details).")
public record DatabaseInfo(DatabaseMode mode, @Schema(example = "PostgreSQL") String product,
		@Schema(example = "17.6") String productVersion) {

	/**
	 * Removes the query part of a JDBC URL, where drivers accept user names and
	 * passwords.
	 * @param jdbcUrl a JDBC URL
	 * @return the URL without its query
	 */
	static String withoutCredentials(String jdbcUrl) {
		int query = jdbcUrl.indexOf('?');
		String withoutQuery = (query >= 0) ? jdbcUrl.substring(0, query) : jdbcUrl;
		int at = withoutQuery.indexOf('@');
		int scheme = withoutQuery.indexOf("//");
		if (at >= 0 && scheme >= 0 && at > scheme) {
			return withoutQuery.substring(0, scheme + 2) + withoutQuery.substring(at + 1);
		}
		return withoutQuery;
	}

}
