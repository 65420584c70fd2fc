package io.voucher.registry.pregeneration;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Deletes pre-generated licenses (device and group) withdrawn longer ago than
 * {@code voucher.pregeneration.withdrawn-retention}. A withdrawn license is in no bundle;
 * it is kept a while for whoever looks into what a device had, then goes: every policy
 * change or key rotation withdraws a whole generation of licenses, which would otherwise
 * pile up. Deleted a chunk per statement, so that no transaction grows with the backlog.
 */
@Component
public class WithdrawnLicensePurge {

	private static final Logger logger = LoggerFactory.getLogger(WithdrawnLicensePurge.class);

	/** How many rows one statement deletes. */
	static final int CHUNK = 5_000;

	private final JdbcTemplate jdbc;

	private final PregenerationProperties properties;

	private final Clock clock;

	WithdrawnLicensePurge(JdbcTemplate jdbc, PregenerationProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Deletes the licenses withdrawn before the retention period.
	 * @return how many were deleted
	 */
	public int purge() {
		Timestamp before = Timestamp.from(this.clock.instant().minus(this.properties.withdrawnRetention()));
		int total = 0;
		for (String table : List.of("pregenerated_license", "group_license")) {
			int deleted;
			do {
				deleted = this.jdbc.update("DELETE FROM " + table + " WHERE id IN (SELECT id FROM " + table
						+ " WHERE withdrawn_at < ? LIMIT ?)", before, CHUNK);
				total += deleted;
			}
			while (deleted == CHUNK);
		}
		if (total > 0) {
			logger.info("Deleted {} pre-generated licenses withdrawn before {}", total, before.toInstant());
		}
		return total;
	}

	/**
	 * The recurring job that purges withdrawn licenses, on one node at a time.
	 */
	@Configuration(proxyBeanMethods = false)
	static class PurgeJob {

		static final Duration INTERVAL = Duration.ofHours(1);

		@Bean
		RecurringTask<Void> purgeWithdrawnLicenses(WithdrawnLicensePurge purge) {
			return Tasks.recurring("purge-withdrawn-licenses", Schedules.fixedDelay(INTERVAL))
				.execute((instance, context) -> purge.purge());
		}

	}

}
