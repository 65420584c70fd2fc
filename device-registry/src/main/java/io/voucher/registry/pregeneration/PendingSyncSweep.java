package io.voucher.registry.pregeneration;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.voucher.registry.registration.RegistrationService;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Queues a job for registrations still waiting for their first licenses with no job to
 * take them: the case of a registration committed just as the job that would have taken
 * it finished. Cluster-wide, every half minute.
 */
@Configuration(proxyBeanMethods = false)
class PendingSyncSweep {

	/** How often waiting registrations are looked for. */
	static final Duration INTERVAL = Duration.ofSeconds(30);

	@Bean
	RecurringTask<Void> sweepPendingRegistrations(JdbcTemplate jdbc, RegistrationService registrations,
			TransactionTemplate transaction) {
		return Tasks.recurring("sweep-pending-registrations", Schedules.fixedDelay(INTERVAL))
			.execute((instance, context) -> {
				List<UUID> providers = jdbc.queryForList("SELECT DISTINCT r.provider_id FROM registration r "
						+ "WHERE r.sync_requested_at IS NOT NULL AND r.sync_requested_at < now() - interval '10 seconds' "
						+ "AND NOT EXISTS (SELECT 1 FROM job j WHERE j.provider_id = r.provider_id AND j.scope = ? "
						+ "AND j.status IN ('QUEUED', 'RUNNING'))", UUID.class, RegistrationService.PENDING_SCOPE);
				providers.forEach((providerId) -> transaction
					.executeWithoutResult((status) -> registrations.requestPendingSync(providerId)));
			});
	}

}
