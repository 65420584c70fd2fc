package io.voucher.registry.activity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.voucher.registry.activity.ActivityReport.Count;
import io.voucher.registry.activity.ActivityReport.Pregeneration;
import io.voucher.registry.activity.ActivityReport.StatusCount;
import io.voucher.registry.activity.ActivityReport.Totals;
import io.voucher.registry.registration.RegistrationService;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the platform's activity from the records it keeps: issued licenses
 * ({@code issued_license}), refused license requests (their {@code license.refuse} audit
 * events), registrations, pre-generated licenses and jobs. Nothing is counted on the
 * request path, so a report costs the license server nothing until someone asks for it,
 * and every node of a cluster reports the same.
 */
@Service
public class ActivityReports {

	/** Longest window a report covers. */
	public static final Duration MAX_WINDOW = Duration.ofDays(30);

	private final JdbcTemplate jdbc;

	private final Clock clock;

	public ActivityReports(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The bucket length for a window: about a day's worth of points or fewer.
	 * @param window the window
	 * @return 5 minutes up to 6 hours, 1 hour up to 3 days, else 1 day
	 */
	public static Duration bucketFor(Duration window) {
		if (window.compareTo(Duration.ofHours(6)) <= 0) {
			return Duration.ofMinutes(5);
		}
		if (window.compareTo(Duration.ofDays(3)) <= 0) {
			return Duration.ofHours(1);
		}
		return Duration.ofDays(1);
	}

	/**
	 * Reports the activity of the last {@code window}.
	 * @param window how far back, up to {@link #MAX_WINDOW}
	 * @param providerId only this provider's activity, or {@code null} for all
	 * @return the report
	 */
	@Transactional(readOnly = true)
	public ActivityReport report(Duration window, @Nullable UUID providerId) {
		if (window.isNegative() || window.isZero() || window.compareTo(MAX_WINDOW) > 0) {
			throw new IllegalArgumentException("window must be positive and at most " + MAX_WINDOW);
		}
		Duration bucket = bucketFor(window);
		long seconds = bucket.toSeconds();
		Instant to = this.clock.instant();
		Instant from = Instant.ofEpochSecond(Math.floorDiv(to.minus(window).getEpochSecond(), seconds) * seconds);
		Window w = new Window(Timestamp.from(from), Timestamp.from(to), seconds, providerId);

		List<StatusCount> answers = new ArrayList<>();
		answers.addAll(statusSeries(w, "'OK'", "issued_license", "issued_at", "provider_id", ""));
		answers.addAll(statusSeries(w, "detail", "audit_event", "occurred_at", "provider_id",
				" AND action = 'license.refuse'"));
		answers.sort((a, b) -> a.bucketStart().compareTo(b.bucketStart()));
		long issued = answers.stream().filter((a) -> a.status().equals("OK")).mapToLong(StatusCount::count).sum();
		long refused = answers.stream().mapToLong(StatusCount::count).sum() - issued;

		List<Count> registrations = series(w,
				"SELECT " + bucketStart("registered_at") + " AS bucket, count(*) AS n FROM registration"
						+ " WHERE registered_at >= ? AND registered_at < ?" + provider(w, "provider_id")
						+ " GROUP BY 1 ORDER BY 1");
		List<Count> generated = series(w, "SELECT bucket, sum(n) AS n FROM (SELECT " + bucketStart("l.issued_at")
				+ " AS bucket, count(*) AS n FROM pregenerated_license l"
				+ " JOIN registration r ON r.id = l.registration_id" + " WHERE l.issued_at >= ? AND l.issued_at < ?"
				+ provider(w, "r.provider_id") + " GROUP BY 1 UNION ALL SELECT " + bucketStart("l.issued_at")
				+ " AS bucket, count(*) AS n FROM group_license l JOIN device_group g ON g.id = l.group_row_id"
				+ " WHERE l.issued_at >= ? AND l.issued_at < ?" + provider(w, "g.provider_id")
				+ " GROUP BY 1) AS made GROUP BY bucket ORDER BY bucket", 2);

		Pregeneration pregeneration = new Pregeneration(
				count("SELECT count(*) FROM registration WHERE sync_requested_at IS NOT NULL"
						+ provider(w, "provider_id"), w),
				count("SELECT count(*) FROM job WHERE kind = '" + RegistrationService.PREGENERATION
						+ "' AND status = 'QUEUED'" + provider(w, "provider_id"), w),
				count("SELECT count(*) FROM job WHERE kind = '" + RegistrationService.PREGENERATION
						+ "' AND status = 'RUNNING'" + provider(w, "provider_id"), w),
				generated);
		Totals totals = new Totals((providerId != null) ? 1 : count("SELECT count(*) FROM provider", w),
				count("SELECT count(*) FROM registration WHERE status = 'ACTIVE'" + provider(w, "provider_id"), w),
				count("SELECT count(DISTINCT fingerprint) FROM registration WHERE status = 'ACTIVE'"
						+ provider(w, "provider_id"), w),
				(providerId != null)
						// For one provider: its devices revoked for the platform, and
						// those
						// it blocked itself.
						? count("WITH p AS (SELECT ?::uuid AS id) SELECT count(*) FROM (SELECT d.fingerprint "
								+ "FROM revoked_device d, p WHERE EXISTS (SELECT 1 FROM registration r "
								+ "WHERE r.fingerprint = d.fingerprint AND r.provider_id = p.id) "
								+ "UNION SELECT b.fingerprint FROM device_block b, p WHERE b.provider_id = p.id) AS refused",
								w)
						: count("SELECT count(*) FROM revoked_device", w),
				count("SELECT count(*) FROM device_group WHERE deleted_at IS NULL" + provider(w, "provider_id"), w),
				issued, refused);
		return new ActivityReport(from, to, bucket, providerId, totals, answers, registrations, pregeneration);
	}

	private List<StatusCount> statusSeries(Window w, String status, String table, String time, String providerColumn,
			String condition) {
		String sql = "SELECT " + bucketStart(time) + " AS bucket, " + status + " AS status, count(*) AS n FROM " + table
				+ " WHERE " + time + " >= ? AND " + time + " < ?" + condition + provider(w, providerColumn)
				+ " GROUP BY 1, 2";
		return this.jdbc.query(sql,
				(row, index) -> new StatusCount(instant(row), row.getString("status"), row.getLong("n")),
				w.arguments(1));
	}

	private List<Count> series(Window w, String sql) {
		return series(w, sql, 1);
	}

	private List<Count> series(Window w, String sql, int windows) {
		return this.jdbc.query(sql, (row, index) -> new Count(instant(row), row.getLong("n")), w.arguments(windows));
	}

	private long count(String sql, Window w) {
		Long count = (w.providerId() != null) ? this.jdbc.queryForObject(sql, Long.class, w.providerId())
				: this.jdbc.queryForObject(sql, Long.class);
		return (count != null) ? count : 0;
	}

	private static String provider(Window w, String column) {
		return (w.providerId() != null) ? " AND " + column + " = ?" : "";
	}

	/**
	 * The start of the bucket of a timestamp column, with the bucket length bound first.
	 */
	private static String bucketStart(String column) {
		return "to_timestamp(floor(extract(epoch FROM " + column + ") / ?) * ?)";
	}

	private static Instant instant(ResultSet row) throws SQLException {
		return row.getTimestamp("bucket").toInstant();
	}

	/**
	 * The arguments of a query: per time window, the bucket length twice, the window, and
	 * the provider.
	 */
	private record Window(Timestamp from, Timestamp to, long seconds, @Nullable UUID providerId) {

		Object[] arguments(int windows) {
			List<Object> arguments = new ArrayList<>();
			for (int i = 0; i < windows; i++) {
				arguments.add(this.seconds);
				arguments.add(this.seconds);
				arguments.add(this.from);
				arguments.add(this.to);
				if (this.providerId != null) {
					arguments.add(this.providerId);
				}
			}
			return arguments.toArray();
		}

	}

}
