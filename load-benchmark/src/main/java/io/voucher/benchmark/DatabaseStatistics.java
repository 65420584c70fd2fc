package io.voucher.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Reads the platform database's own counters ({@code pg_stat_database}): transactions
 * committed and rows read and written. Per license, they show how much database work one
 * answer costs, independently of how busy the machine is.
 */
final class DatabaseStatistics {

	private final @Nullable String jdbcUrl;

	private final String user;

	private final String password;

	DatabaseStatistics(@Nullable String jdbcUrl, String user, String password) {
		this.jdbcUrl = jdbcUrl;
		this.user = user;
		this.password = password;
	}

	/**
	 * The counters now, or {@code null} when there is no database to read.
	 * @return the counters
	 */
	@Nullable Counters read() {
		if (this.jdbcUrl == null) {
			return null;
		}
		try (Connection connection = DriverManager.getConnection(this.jdbcUrl, this.user, this.password);
				Statement statement = connection.createStatement()) {
			// Counters are flushed by each backend when it goes idle, at most once a
			// second.
			statement.execute("SELECT pg_stat_force_next_flush()");
			Map<String, Long> scans = new TreeMap<>();
			try (ResultSet result = statement.executeQuery(
					"SELECT relname, coalesce(seq_scan, 0) + coalesce(idx_scan, 0) FROM pg_stat_user_tables")) {
				while (result.next()) {
					scans.put(result.getString(1), result.getLong(2));
				}
			}
			try (ResultSet result = statement
				.executeQuery("SELECT xact_commit, xact_rollback, tup_returned, tup_fetched, tup_inserted, tup_updated "
						+ "FROM pg_stat_database WHERE datname = current_database()")) {
				result.next();
				return new Counters(result.getLong(1), result.getLong(2), result.getLong(3), result.getLong(4),
						result.getLong(5), result.getLong(6), scans);
			}
		}
		catch (SQLException ex) {
			return null;
		}
	}

	long count(String sql) throws SQLException {
		if (this.jdbcUrl == null) {
			throw new IllegalStateException("no database to count in");
		}
		try (Connection connection = DriverManager.getConnection(this.jdbcUrl, this.user, this.password);
				Statement statement = connection.createStatement();
				ResultSet result = statement.executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

	/** Cumulative counters of the database. */
	record Counters(long commits, long rollbacks, long returned, long fetched, long inserted, long updated,
			Map<String, Long> scans) {

		/**
		 * The counters' growth since an earlier reading, per unit of work.
		 * @param start the earlier reading
		 * @param count units of work done in between
		 * @return commits, rows returned, rows fetched and rows inserted per unit
		 */
		PerLicense since(Counters start, long count) {
			double n = Math.max(1, count);
			Map<String, Double> scansPerLicense = new TreeMap<>();
			for (Map.Entry<String, Long> table : this.scans.entrySet()) {
				double perLicense = (table.getValue() - start.scans.getOrDefault(table.getKey(), 0L)) / n;
				if (perLicense >= 0.05) {
					scansPerLicense.put(table.getKey(), perLicense);
				}
			}
			return new PerLicense((this.commits - start.commits) / n, (this.returned - start.returned) / n,
					(this.fetched - start.fetched) / n, (this.inserted - start.inserted) / n, scansPerLicense);
		}

	}

	/**
	 * Database work per license; {@code scans}: table scans (sequential and index) per
	 * license, by table, for tables scanned at least once every 20 licenses.
	 */
	record PerLicense(double commits, double returned, double fetched, double inserted, Map<String, Double> scans) {

	}

}
