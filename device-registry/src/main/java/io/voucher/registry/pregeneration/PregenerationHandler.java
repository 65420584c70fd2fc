package io.voucher.registry.pregeneration;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.voucher.domain.jobs.Job;
import io.voucher.domain.jobs.JobHandler;
import io.voucher.registry.registration.RegistrationService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Runs pre-generation jobs: finds the registrations a job's scope touches, then syncs
 * them a batch per transaction, stopping between two batches when the node is stopping.
 * Scopes: {@code registration:<id>}, {@code group:<id>}, {@code policy:<name>},
 * {@code content:<contentId>}, all of the job's provider, and
 * {@link RegistrationService#PENDING_SCOPE}: the provider's new registrations, in
 * batches.
 */
@Component
class PregenerationHandler implements JobHandler {

	private static final Logger logger = LoggerFactory.getLogger(PregenerationHandler.class);

	/** How many registrations one transaction syncs. */
	static final int BATCH = 25;

	private final LicenseSync sync;

	private final JdbcTemplate jdbc;

	PregenerationHandler(LicenseSync sync, JdbcTemplate jdbc) {
		this.sync = sync;
		this.jdbc = jdbc;
	}

	@Override
	public String kind() {
		return RegistrationService.PREGENERATION;
	}

	@Override
	public Outcome run(Job job, JobRun run) {
		PregenerationListener listener = this.sync.listener();
		long start = System.nanoTime();
		Outcome outcome;
		try {
			outcome = RegistrationService.PENDING_SCOPE.equals(job.scope()) ? runPending(job, run)
					: runTargets(job, run);
		}
		catch (RuntimeException ex) {
			listener.runEnded(PregenerationListener.RunOutcome.FAILED, System.nanoTime() - start);
			throw ex;
		}
		listener.runEnded((outcome == Outcome.FINISHED) ? PregenerationListener.RunOutcome.FINISHED
				: PregenerationListener.RunOutcome.INTERRUPTED, System.nanoTime() - start);
		return outcome;
	}

	private Outcome runTargets(Job job, JobRun run) {
		List<Target> targets = targets(job);
		run.total(targets.size());
		int done = 0;
		long failed = 0;
		SyncLookups lookups = this.sync.lookups();
		while (done < targets.size()) {
			if (run.shouldStop()) {
				run.progress(done - failed, failed);
				return Outcome.INTERRUPTED;
			}
			Target target = targets.get(done);
			if (target.group()) {
				this.sync.syncGroup(target.id(), lookups);
				done++;
			}
			else {
				List<UUID> batch = new ArrayList<>();
				for (int next = done; next < targets.size() && batch.size() < BATCH
						&& !targets.get(next).group(); next++) {
					batch.add(targets.get(next).id());
				}
				failed += this.sync.syncBatch(job.providerId(), batch, lookups);
				done += batch.size();
			}
			run.progress(done - failed, failed);
		}
		logger.debug("Job {} went through {} registrations and groups, {} failed", job.id(), done, failed);
		return Outcome.FINISHED;
	}

	/**
	 * Syncs the provider's waiting registrations a batch at a time until none is left,
	 * including those that arrive meanwhile.
	 */
	private Outcome runPending(Job job, JobRun run) {
		SyncLookups lookups = this.sync.lookups();
		// A resumed job goes on counting: what an earlier run synced is not waiting any
		// more.
		long done = job.done();
		long failed = job.failed();
		while (true) {
			if (run.shouldStop()) {
				run.progress(done, failed);
				return Outcome.INTERRUPTED;
			}
			LicenseSync.Pending pending = this.sync.syncPending(job.providerId(), lookups, BATCH);
			if (pending.taken() == 0) {
				break;
			}
			done += pending.taken() - pending.failed();
			failed += pending.failed();
			run.progress(done, failed);
		}
		run.total(done + failed);
		return Outcome.FINISHED;
	}

	private List<Target> targets(Job job) {
		String scope = job.scope();
		int colon = scope.indexOf(':');
		String kind = scope.substring(0, colon);
		String value = scope.substring(colon + 1);
		return switch (kind) {
			case "registration" -> List.of(new Target(UUID.fromString(value), false));
			case "group" -> List.of(new Target(UUID.fromString(value), true));
			case "policy", "content" -> {
				String column = kind.equals("policy") ? "policy_name" : "content_id";
				List<Target> targets = new ArrayList<>();
				this.jdbc
					.queryForList("SELECT DISTINCT r.id FROM registration r JOIN entitlement e "
							+ "ON e.provider_id = r.provider_id AND e.generated_id = r.generated_id "
							+ "WHERE r.provider_id = ? AND r.status = 'ACTIVE' AND e.withdrawn_at IS NULL AND e."
							+ column + " = ? ORDER BY r.id", UUID.class, job.providerId(), value)
					.forEach((id) -> targets.add(new Target(id, false)));
				this.jdbc
					.queryForList(
							"SELECT DISTINCT g.id FROM device_group g JOIN entitlement e "
									+ "ON e.group_row_id = g.id WHERE g.provider_id = ? AND g.deleted_at IS NULL "
									+ "AND e.withdrawn_at IS NULL AND e." + column + " = ? ORDER BY g.id",
							UUID.class, job.providerId(), value)
					.forEach((id) -> targets.add(new Target(id, true)));
				yield targets;
			}
			default -> throw new IllegalArgumentException("Unknown pre-generation scope " + scope);
		};
	}

	/** A registration, or a device group, to sync. */
	private record Target(UUID id, boolean group) {
	}

}
