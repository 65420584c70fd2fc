package io.voucher.domain.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.OnStartup;
import com.github.kagkarlsson.scheduler.task.Task;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * This node's part of the cluster-wide job scheduler. It runs while the application
 * context runs: started once the context (and so the database migrations) is ready,
 * stopped with it after running jobs finish, and started afresh if the context is started
 * again.
 */
public final class JobScheduler implements SmartLifecycle {

	private final DataSource dataSource;

	private final List<Task<?>> tasks;

	private final JobProperties properties;

	private volatile @Nullable Scheduler scheduler;

	JobScheduler(DataSource dataSource, List<Task<?>> tasks, JobProperties properties) {
		this.dataSource = dataSource;
		this.tasks = List.copyOf(tasks);
		this.properties = properties;
	}

	@Override
	public synchronized void start() {
		if (this.scheduler != null) {
			return;
		}
		List<Task<?>> known = new ArrayList<>();
		List<OnStartup> startup = new ArrayList<>();
		for (Task<?> task : this.tasks) {
			if (task instanceof OnStartup onStartup) {
				startup.add(onStartup);
			}
			else {
				known.add(task);
			}
		}
		Scheduler started = Scheduler.create(this.dataSource, known)
			.startTasks(castStartup(startup))
			.threads(this.properties.threads())
			// Jobs run as background work: their connections get the background
			// timeouts, made for long batch statements.
			.executorService(
					Executors.newFixedThreadPool(this.properties.threads(), BackgroundThreads.factory("voucher-job-")))
			.pollingInterval(this.properties.pollingInterval())
			.heartbeatInterval(this.properties.heartbeatInterval())
			.enableImmediateExecution()
			.build();
		started.start();
		this.scheduler = started;
	}

	@Override
	public synchronized void stop() {
		Scheduler running = this.scheduler;
		if (running != null) {
			running.stop();
			this.scheduler = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.scheduler != null;
	}

	@Override
	public int getPhase() {
		// Stop after the web server has stopped taking requests.
		return SmartLifecycle.DEFAULT_PHASE - 1024;
	}

	/**
	 * Asks this node to look for due jobs now rather than at its next poll.
	 */
	public void checkForDueJobs() {
		Scheduler running = this.scheduler;
		if (running != null) {
			running.triggerCheckForDueExecutions();
		}
	}

	@SuppressWarnings({ "unchecked", "rawtypes" })
	private static <T extends Task<?> & OnStartup> List<T> castStartup(List<OnStartup> startup) {
		return (List) startup;
	}

}
