package io.voucher.domain.jobs;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.voucher.domain.jobs.Job.JobStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.stereotype.Component;

/**
 * The one db-scheduler task behind every {@link Job}: it hands the job to the
 * {@link JobHandler} of its kind, records the outcome, and puts an interrupted job back
 * in the queue to be resumed a few seconds later by whichever node is free. A job whose
 * node dies is revived by db-scheduler once that node's heartbeat is missed.
 */
@Component
class JobRunner {

	/** The db-scheduler task name. */
	static final String TASK_NAME = Jobs.TASK_NAME;

	/** How soon an interrupted job is resumed. */
	static final Duration RESUME_DELAY = Duration.ofSeconds(5);

	private static final Logger logger = LoggerFactory.getLogger(JobRunner.class);

	private final CustomTask<String> task;

	private final ObjectProvider<JobHandler> handlers;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final Clock clock;

	JobRunner(ObjectProvider<JobHandler> handlers, JdbcTemplate jdbc, TransactionTemplate transaction, Clock clock) {
		this.handlers = handlers;
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.clock = clock;
		this.task = Tasks.custom(TASK_NAME, String.class).onDeadExecutionRevive().execute(this::execute);
	}

	CustomTask<String> task() {
		return this.task;
	}

	private CompletionHandler<String> execute(TaskInstance<String> instance, ExecutionContext context) {
		UUID id = UUID.fromString(instance.getData());
		Job job = this.jdbc.query("SELECT * FROM job WHERE id = ?", Jobs::job, id).stream().findFirst().orElse(null);
		if (job == null || job.status() == JobStatus.SUCCEEDED || job.status() == JobStatus.FAILED) {
			return (complete, operations) -> operations.remove();
		}
		Map<String, JobHandler> byKind = this.handlers.orderedStream()
			.collect(Collectors.toMap(JobHandler::kind, Function.identity()));
		JobHandler handler = byKind.get(job.kind());
		if (handler == null) {
			finished(id, JobStatus.FAILED, "No handler for jobs of kind " + job.kind());
			return (complete, operations) -> operations.remove();
		}
		started(id);
		JobHandler.Outcome outcome;
		try {
			outcome = handler.run(job, new Run(id, context));
		}
		catch (RuntimeException ex) {
			if (isDatabaseUnavailable(ex)) {
				// Not the job's fault: it resumes where it stopped once the database
				// answers again (its work is idempotent).
				logger.warn("Job {} ({} {}) stopped by the database being unavailable; it resumes in {}: {}", id,
						job.kind(), job.scope(), RESUME_DELAY, ex.getMessage());
				return (complete, operations) -> operations.reschedule(complete,
						this.clock.instant().plus(RESUME_DELAY));
			}
			logger.error("Job {} ({} {}) failed", id, job.kind(), job.scope(), ex);
			finished(id, JobStatus.FAILED, "Failed: " + ex.getClass().getSimpleName());
			return (complete, operations) -> operations.remove();
		}
		if (outcome == JobHandler.Outcome.INTERRUPTED) {
			logger.info("Job {} ({} {}) interrupted; it resumes in {}", id, job.kind(), job.scope(), RESUME_DELAY);
			interrupted(id);
			return (complete, operations) -> operations.reschedule(complete, this.clock.instant().plus(RESUME_DELAY));
		}
		finished(id, JobStatus.SUCCEEDED, null);
		return (complete, operations) -> operations.remove();
	}

	/**
	 * Tells whether a failure comes from the database being unreachable or timing out
	 * (connection lost, socket or statement timeout, lock wait timeout), as opposed to
	 * the job's own error.
	 * @param failure the failure
	 * @return whether the job should be resumed later rather than failed
	 */
	static boolean isDatabaseUnavailable(@Nullable Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
					|| cause instanceof QueryTimeoutException || cause instanceof CannotAcquireLockException
					|| cause instanceof SQLTransientConnectionException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null && (sql.getSQLState().startsWith("08")
					|| sql.getSQLState().startsWith("57P0") || "57014".equals(sql.getSQLState()))) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	private final class Run implements JobHandler.JobRun {

		private final UUID id;

		private final ExecutionContext context;

		Run(UUID id, ExecutionContext context) {
			this.id = id;
			this.context = context;
		}

		@Override
		public void total(long total) {
			record("UPDATE job SET total = ? WHERE id = ?", total, this.id);
		}

		@Override
		public void progress(long done, long failed) {
			record("UPDATE job SET done = ?, failed = ? WHERE id = ?", done, failed, this.id);
		}

		@Override
		public boolean shouldStop() {
			return this.context.getSchedulerState().isShuttingDown();
		}

	}

	private void started(UUID id) {
		record("UPDATE job SET status = 'RUNNING', attempts = attempts + 1, "
				+ "started_at = coalesce(started_at, ?) WHERE id = ?", Timestamp.from(this.clock.instant()), id);
	}

	private void interrupted(UUID id) {
		record("UPDATE job SET status = 'QUEUED' WHERE id = ?", id);
	}

	private void finished(UUID id, JobStatus status, @Nullable String message) {
		record("UPDATE job SET status = ?, message = ?, finished_at = ? WHERE id = ?", status.name(), message,
				Timestamp.from(this.clock.instant()), id);
	}

	/**
	 * Updates the job's record without waiting for the disk: db-scheduler's own commit of
	 * the execution, synchronous, follows and flushes it; a crash before that runs the
	 * job again, which rewrites the record.
	 */
	private void record(String sql, Object... arguments) {
		this.transaction.executeWithoutResult((status) -> {
			this.jdbc.execute("SET LOCAL synchronous_commit TO OFF");
			this.jdbc.update(sql, arguments);
		});
	}

}
