package io.voucher.domain.jobs;

import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.OnStartup;
import com.github.kagkarlsson.scheduler.task.Task;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The cluster-wide job scheduler. Every {@link Task} bean is registered; recurring ones
 * are scheduled at start. The scheduler starts once the application context (and so the
 * database migrations) is ready, and stops with it, letting running jobs finish.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(JobProperties.class)
@ConditionalOnBooleanProperty(name = "voucher.jobs.enabled", matchIfMissing = true)
public class JobSchedulerConfiguration {

	@Bean
	Scheduler jobScheduler(DataSource dataSource, List<Task<?>> tasks, JobProperties properties) {
		List<Task<?>> known = new ArrayList<>();
		List<OnStartup> startup = new ArrayList<>();
		for (Task<?> task : tasks) {
			if (task instanceof OnStartup onStartup) {
				startup.add(onStartup);
			}
			else {
				known.add(task);
			}
		}
		return Scheduler.create(dataSource, known)
			.startTasks(castStartup(startup))
			.threads(properties.threads())
			.pollingInterval(properties.pollingInterval())
			.heartbeatInterval(properties.heartbeatInterval())
			.enableImmediateExecution()
			.build();
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static <T extends Task<?> & OnStartup> List<T> castStartup(List<OnStartup> startup) {
		return (List) startup;
	}

	@Bean
	SmartLifecycle jobSchedulerLifecycle(Scheduler scheduler) {
		return new SmartLifecycle() {

			private volatile boolean running;

			@Override
			public void start() {
				scheduler.start();
				this.running = true;
			}

			@Override
			public void stop() {
				scheduler.stop();
				this.running = false;
			}

			@Override
			public boolean isRunning() {
				return this.running;
			}

			@Override
			public int getPhase() {
				// Stop after the web server has stopped taking requests.
				return SmartLifecycle.DEFAULT_PHASE - 1024;
			}

		};
	}

}
