package io.voucher.domain.audit;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Seals new audit events into the chain every few seconds, on one node of the cluster at
 * a time.
 */
@Configuration(proxyBeanMethods = false)
class AuditSealing {

	/** How often new events are sealed. */
	static final Duration INTERVAL = Duration.ofSeconds(2);

	@Bean
	RecurringTask<Void> sealAuditEvents(AuditTrail trail) {
		return Tasks.recurring("seal-audit-events", Schedules.fixedDelay(INTERVAL))
			.execute((instance, context) -> trail.seal());
	}

}
