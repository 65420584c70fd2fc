package io.voucher.domain.jobs;

import com.github.kagkarlsson.scheduler.task.Task;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The task behind every {@link Job}, known on every node (those that only queue jobs as
 * well as those that run them).
 */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

	@Bean
	Task<String> voucherJobTask(JobRunner runner) {
		return runner.task();
	}

}
