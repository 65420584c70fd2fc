package io.voucher.registry.pregeneration;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.voucher.domain.jobs.Jobs;
import io.voucher.registry.registration.RegistrationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes expired pre-generated licenses again when their policy allows renewal
 * ({@code can_renew}): queues a pre-generation job for each registration and device group
 * holding such a license and no job already queued for it; the job's sync issues the new
 * license. An expired license leaves its bundle at once (see {@link Bundles}); this only
 * brings its successor. Cluster-wide, every
 * {@code voucher.pregeneration.renewal-sweep-interval}.
 */
@Component
public class ExpiredLicenseRenewal {

	private static final Logger logger = LoggerFactory.getLogger(ExpiredLicenseRenewal.class);

	/** The most registrations (and groups) one sweep queues a job for. */
	static final int LIMIT = 1_000;

	private final JdbcTemplate jdbc;

	private final Jobs jobs;

	private final TransactionTemplate transaction;

	private final Clock clock;

	ExpiredLicenseRenewal(JdbcTemplate jdbc, Jobs jobs, TransactionTemplate transaction, Clock clock) {
		this.jdbc = jdbc;
		this.jobs = jobs;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * Queues a pre-generation job for every registration and group with an expired,
	 * renewable current license.
	 * @return how many jobs were queued
	 */
	public int sweep() {
		Timestamp now = Timestamp.from(this.clock.instant());
		List<Map<String, Object>> targets = this.jdbc
			.queryForList(
					"SELECT DISTINCT r.provider_id, 'registration:' || r.id AS scope FROM pregenerated_license l "
							+ "JOIN registration r ON r.id = l.registration_id WHERE l.withdrawn_at IS NULL "
							+ "AND l.renewable AND l.expires_at <= ? AND r.status = 'ACTIVE' " + "UNION "
							+ "SELECT DISTINCT g.provider_id, 'group:' || g.id AS scope FROM group_license l "
							+ "JOIN device_group g ON g.id = l.group_row_id WHERE l.withdrawn_at IS NULL "
							+ "AND l.renewable AND l.expires_at <= ? AND g.deleted_at IS NULL LIMIT ?",
					now, now, LIMIT);
		int queued = 0;
		for (Map<String, Object> target : targets) {
			UUID providerId = (UUID) target.get("provider_id");
			String scope = (String) target.get("scope");
			Boolean enqueued = this.transaction.execute((status) -> {
				boolean waiting = Boolean.TRUE.equals(this.jdbc.queryForObject(
						"SELECT EXISTS (SELECT 1 FROM job WHERE kind = ? AND scope = ? "
								+ "AND status IN ('QUEUED', 'RUNNING'))",
						Boolean.class, RegistrationService.PREGENERATION, scope));
				if (waiting) {
					return false;
				}
				this.jobs.enqueue(RegistrationService.PREGENERATION, providerId, scope);
				return true;
			});
			if (Boolean.TRUE.equals(enqueued)) {
				queued++;
			}
		}
		if (queued > 0) {
			logger.info("Queued {} pre-generation job(s) to renew expired licenses", queued);
		}
		return queued;
	}

	/**
	 * The recurring sweep, on one node at a time.
	 */
	@Configuration(proxyBeanMethods = false)
	static class RenewalJob {

		@Bean
		RecurringTask<Void> renewExpiredLicenses(ExpiredLicenseRenewal renewal, PregenerationProperties properties) {
			return Tasks.recurring("renew-expired-licenses", Schedules.fixedDelay(properties.renewalSweepInterval()))
				.execute((instance, context) -> renewal.sweep());
		}

	}

}
