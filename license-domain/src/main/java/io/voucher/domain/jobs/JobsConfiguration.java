package io.voucher.domain.jobs;

import java.time.Duration;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The task behind every {@link Job}, known on every node (those that only queue jobs as
 * well as those that run them), and the purge of finished jobs.
 */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

	@Bean
	Task<String> voucherJobTask(JobRunner runner) {
		return runner.task();
	}

	/** Deletes finished jobs past their retention, hourly, on one node at a time. */
	@Bean
	RecurringTask<Void> purgeFinishedJobs(Jobs jobs) {
		return Tasks.recurring("purge-finished-jobs", Schedules.fixedDelay(Duration.ofHours(1)))
			.execute((instance, context) -> jobs.purgeFinished());
	}

}
