package io.voucher.domain.jobs;

import java.util.List;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.task.Task;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The cluster-wide job scheduler: every {@link Task} bean is registered; recurring ones
 * are scheduled at start.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobProperties.class)
@ConditionalOnBooleanProperty(name = "voucher.jobs.enabled", matchIfMissing = true)
public class JobSchedulerConfiguration {

	@Bean
	JobScheduler jobScheduler(DataSource dataSource, List<Task<?>> tasks, JobProperties properties) {
		return new JobScheduler(dataSource, tasks, properties);
	}

}
