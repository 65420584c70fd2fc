package io.voucher.api.metrics;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.voucher.api.metrics.CryptoTimers.Operation;
import io.voucher.domain.jobs.Jobs;
import io.voucher.registry.pregeneration.PregenerationListener;
import io.voucher.registry.registration.RegistrationService;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Pre-generation's meters. This node's work: licenses signed, registrations and groups
 * synced or put off after a failure, job runs by outcome. The cluster's backlog, read
 * from the database when scraped (at most once per {@link #BACKLOG_MAX_AGE}):
 * pre-generation jobs queued and running, and registrations waiting for their first
 * licenses. Every node reports the same backlog, so dashboards take its {@code max}, not
 * its sum.
 */
@Component
class PregenerationMetrics implements PregenerationListener {

	static final String LICENSES = "voucher.pregeneration.licenses";

	static final String SYNCED = "voucher.pregeneration.synced";

	static final String FAILED = "voucher.pregeneration.failed";

	static final String RUNS = "voucher.pregeneration.runs";

	static final String JOBS = "voucher.pregeneration.jobs";

	static final String WAITING = "voucher.pregeneration.registrations.waiting";

	/** How long a backlog reading is reused: scrapes come every few seconds at most. */
	static final Duration BACKLOG_MAX_AGE = Duration.ofSeconds(5);

	/** The db-scheduler task that runs every job; its instances are job ids. */

	private static final Logger logger = LoggerFactory.getLogger(PregenerationMetrics.class);

	private final CryptoTimers crypto;

	private final JdbcTemplate jdbc;

	private final Map<Target, Counter> licenses = new EnumMap<>(Target.class);

	private final Map<Target, Counter> synced = new EnumMap<>(Target.class);

	private final Map<Target, Counter> failed = new EnumMap<>(Target.class);

	private final Map<RunOutcome, Timer> runs = new EnumMap<>(RunOutcome.class);

	private @Nullable Backlog backlog;

	PregenerationMetrics(MeterRegistry meters, CryptoTimers crypto, JdbcTemplate jdbc) {
		this.crypto = crypto;
		this.jdbc = jdbc;
		for (Target target : Target.values()) {
			String tag = target.name().toLowerCase(Locale.ROOT);
			this.licenses.put(target,
					Counter.builder(LICENSES)
						.description("Licenses signed by pre-generation on this node, by what they are for")
						.tag("target", tag)
						.register(meters));
			this.synced.put(target,
					Counter.builder(SYNCED)
						.description("Registrations or device groups brought up to date by pre-generation on this node")
						.tag("target", tag)
						.register(meters));
			this.failed.put(target, Counter.builder(FAILED)
				.description("Registrations or device groups pre-generation could not sync on this node, put off to be "
						+ "tried again")
				.tag("target", tag)
				.register(meters));
		}
		for (RunOutcome outcome : RunOutcome.values()) {
			this.runs.put(outcome,
					Timer.builder(RUNS)
						.description("Pre-generation job runs on this node, by outcome")
						.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
						.register(meters));
		}
		Gauge.builder(JOBS, this, (self) -> self.backlog().queued())
			.description("Pre-generation jobs of the cluster waiting to run or to resume, and running")
			.tag("status", "queued")
			.register(meters);
		Gauge.builder(JOBS, this, (self) -> self.backlog().running())
			.description("Pre-generation jobs of the cluster waiting to run or to resume, and running")
			.tag("status", "running")
			.register(meters);
		Gauge.builder(WAITING, this, (self) -> self.backlog().waiting())
			.description("Registrations of the cluster waiting for their first pre-generated licenses")
			.register(meters);
	}

	@Override
	public void licenseSigned(Target target, long nanos) {
		this.licenses.get(target).increment();
		this.crypto.record(Operation.ISSUE_PREGENERATED_LICENSE, nanos);
	}

	@Override
	public void synced(Target target, int count) {
		this.synced.get(target).increment(count);
	}

	@Override
	public void failed(Target target, int count) {
		this.failed.get(target).increment(count);
	}

	@Override
	public void runEnded(RunOutcome outcome, long nanos) {
		this.runs.get(outcome).record(nanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * The backlog, read again when the last reading is older than
	 * {@link #BACKLOG_MAX_AGE}. Jobs are counted from db-scheduler's executions (only
	 * those not finished are there), joined to their job records for the kind and status.
	 */
	private synchronized Backlog backlog() {
		long now = System.nanoTime();
		Backlog last = this.backlog;
		if (last != null && now - last.readAt() < BACKLOG_MAX_AGE.toNanos()) {
			return last;
		}
		Backlog read;
		try {
			read = this.jdbc.queryForObject(
					"SELECT count(*) FILTER (WHERE j.status = 'QUEUED'), "
							+ "count(*) FILTER (WHERE j.status = 'RUNNING'), "
							+ "(SELECT count(*) FROM registration WHERE sync_requested_at IS NOT NULL) "
							+ "FROM scheduled_tasks t JOIN job j ON j.id = CASE WHEN t.task_name = ? "
							+ "THEN t.task_instance::uuid END WHERE j.kind = ?",
					(row, index) -> new Backlog(row.getLong(1), row.getLong(2), row.getLong(3), now), Jobs.TASK_NAME,
					RegistrationService.PREGENERATION);
		}
		catch (DataAccessException ex) {
			logger.debug("Pre-generation backlog unavailable: {}", ex.getMessage());
			read = new Backlog(Double.NaN, Double.NaN, Double.NaN, now);
		}
		this.backlog = read;
		return read;
	}

	private record Backlog(double queued, double running, double waiting, long readAt) {
	}

}
