package io.voucher.domain.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;
import io.voucher.domain.jobs.Job.JobStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Queues background jobs and keeps the record users follow. A job is queued in the
 * transaction of the change that needs it, so that a change is never committed without
 * its job, nor a job without its change; any node of the cluster then runs it once.
 */
@Service
public class Jobs {

	/**
	 * The name of the db-scheduler task that runs every job, as in its
	 * {@code scheduled_tasks} rows.
	 */
	public static final String TASK_NAME = "voucher-job";

	/** How many finished jobs one statement deletes. */
	static final int PURGE_CHUNK = 5_000;

	private final JdbcTemplate jdbc;

	private final SchedulerClient scheduler;

	private final Task<String> runner;

	private final ObjectProvider<JobScheduler> localScheduler;

	private final Clock clock;

	private final JobProperties properties;

	Jobs(JdbcTemplate jdbc, DataSource dataSource, JobRunner runner, ObjectProvider<JobScheduler> localScheduler,
			Clock clock, JobProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.runner = runner.task();
		// Transaction-aware, so that scheduling joins the caller's transaction.
		this.scheduler = SchedulerClient.Builder
			.create(new TransactionAwareDataSourceProxy(dataSource), List.of(this.runner))
			.build();
		this.localScheduler = localScheduler;
		this.clock = clock;
	}

	/**
	 * Queues a job in the current transaction (or on its own when there is none).
	 * @param kind the kind of job; a {@link JobHandler} of that kind runs it
	 * @param providerId the provider whose data it works on, or {@code null}
	 * @param scope what it works on
	 * @return the queued job
	 */
	@Transactional(propagation = Propagation.REQUIRED)
	public Job enqueue(String kind, @Nullable UUID providerId, String scope) {
		UUID id = UUID.randomUUID();
		Instant now = this.clock.instant();
		this.jdbc.update(
				"INSERT INTO job (id, provider_id, kind, scope, status, created_at) VALUES (?, ?, ?, ?, 'QUEUED', ?)",
				id, providerId, kind, scope, Timestamp.from(now));
		this.scheduler.schedule(this.runner.instance(id.toString(), id.toString()), now);
		wakeUpAfterCommit();
		return new Job(id, providerId, kind, scope, JobStatus.QUEUED, null, 0, 0, 0, null, now, null, null);
	}

	/**
	 * Finds a job.
	 * @param id the job's id
	 * @return the job, if it exists
	 */
	@Transactional(readOnly = true)
	public Optional<Job> find(UUID id) {
		return this.jdbc.query("SELECT * FROM job WHERE id = ?", Jobs::job, id).stream().findFirst();
	}

	/**
	 * Lists jobs, newest first.
	 * @param providerId only the jobs of this provider, or {@code null} for every job
	 * @param status only jobs in this state, or {@code null}
	 * @param kind only jobs of this kind, or {@code null}
	 * @param pageable the page
	 * @return one page
	 */
	@Transactional(readOnly = true)
	public Page<Job> list(@Nullable UUID providerId, @Nullable JobStatus status, @Nullable String kind,
			Pageable pageable) {
		StringBuilder where = new StringBuilder(" WHERE true");
		List<Object> arguments = new ArrayList<>();
		if (providerId != null) {
			where.append(" AND provider_id = ?");
			arguments.add(providerId);
		}
		if (status != null) {
			where.append(" AND status = ?");
			arguments.add(status.name());
		}
		if (kind != null) {
			where.append(" AND kind = ?");
			arguments.add(kind);
		}
		Long total = this.jdbc.queryForObject("SELECT count(*) FROM job" + where, Long.class, arguments.toArray());
		arguments.add(pageable.getPageSize());
		arguments.add(pageable.getOffset());
		List<Job> items = this.jdbc.query(
				"SELECT * FROM job" + where + " ORDER BY created_at DESC, id LIMIT ? OFFSET ?", Jobs::job,
				arguments.toArray());
		return new PageImpl<>(items, pageable, (total != null) ? total : 0);
	}

	/**
	 * The newest job of a provider on a scope.
	 * @param providerId the provider
	 * @param scope the scope
	 * @return the job, if any
	 */
	@Transactional(readOnly = true)
	public Optional<Job> latest(UUID providerId, String scope) {
		return this.jdbc
			.query("SELECT * FROM job WHERE provider_id = ? AND scope = ? ORDER BY created_at DESC LIMIT 1", Jobs::job,
					providerId, scope)
			.stream()
			.findFirst();
	}

	/**
	 * The jobs of a provider on a scope that are queued and have not started yet, oldest
	 * first.
	 * @param providerId the provider
	 * @param scope the scope
	 * @return the jobs
	 */
	@Transactional(readOnly = true)
	public List<Job> queued(UUID providerId, String scope) {
		return this.jdbc.query("SELECT * FROM job WHERE provider_id = ? AND scope = ? AND status = 'QUEUED' "
				+ "AND attempts = 0 ORDER BY created_at", Jobs::job, providerId, scope);
	}

	/**
	 * Deletes the jobs that finished (succeeded or failed) longer ago than
	 * {@code voucher.jobs.retention}, a chunk per statement; queued and running jobs
	 * stay.
	 * @return how many were deleted
	 */
	public int purgeFinished() {
		Timestamp before = Timestamp.from(this.clock.instant().minus(this.properties.retention()));
		int total = 0;
		int deleted;
		do {
			deleted = this.jdbc.update(
					"DELETE FROM job WHERE id IN (SELECT id FROM job "
							+ "WHERE status IN ('SUCCEEDED', 'FAILED') AND finished_at < ? LIMIT ?)",
					before, PURGE_CHUNK);
			total += deleted;
		}
		while (deleted == PURGE_CHUNK);
		return total;
	}

	private void wakeUpAfterCommit() {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					Jobs.this.localScheduler.ifAvailable(JobScheduler::checkForDueJobs);
				}
			});
		}
		else {
			this.localScheduler.ifAvailable(JobScheduler::checkForDueJobs);
		}
	}

	static Job job(ResultSet row, int index) throws SQLException {
		return new Job(row.getObject("id", UUID.class), row.getObject("provider_id", UUID.class), row.getString("kind"),
				row.getString("scope"), JobStatus.valueOf(row.getString("status")),
				(Long) row.getObject("total", Long.class), row.getLong("done"), row.getLong("failed"),
				row.getInt("attempts"), row.getString("message"), instant(row, "created_at"),
				instant(row, "started_at"), instant(row, "finished_at"));
	}

	private static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
		Timestamp timestamp = row.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
