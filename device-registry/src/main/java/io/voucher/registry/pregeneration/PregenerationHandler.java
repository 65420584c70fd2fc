package io.voucher.registry.pregeneration;

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
 * them one transaction at a time, stopping between two registrations when the node is
 * stopping. Scopes: {@code registration:<id>}, {@code policy:<name>},
 * {@code content:<contentId>}, all of the job's provider.
 */
@Component
class PregenerationHandler implements JobHandler {

	private static final Logger logger = LoggerFactory.getLogger(PregenerationHandler.class);

	/** How often progress is written, in registrations. */
	private static final int PROGRESS_EVERY = 20;

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
		List<UUID> targets = targets(job);
		run.total(targets.size());
		long done = 0;
		long issued = 0;
		for (UUID registrationId : targets) {
			if (run.shouldStop()) {
				run.progress(done, 0);
				return Outcome.INTERRUPTED;
			}
			issued += this.sync.sync(registrationId);
			done++;
			if (done % PROGRESS_EVERY == 0) {
				run.progress(done, 0);
			}
		}
		run.progress(done, 0);
		logger.debug("Job {} synced {} registrations, issued {} licenses", job.id(), done, issued);
		return Outcome.FINISHED;
	}

	private List<UUID> targets(Job job) {
		String scope = job.scope();
		int colon = scope.indexOf(':');
		String kind = scope.substring(0, colon);
		String value = scope.substring(colon + 1);
		return switch (kind) {
			case "registration" -> List.of(UUID.fromString(value));
			case "policy" -> this.jdbc.queryForList("SELECT DISTINCT r.id FROM registration r JOIN entitlement e "
					+ "ON e.provider_id = r.provider_id AND e.generated_id = r.generated_id "
					+ "WHERE r.provider_id = ? AND r.status = 'ACTIVE' AND e.withdrawn_at IS NULL AND e.policy_name = ? "
					+ "ORDER BY r.id", UUID.class, job.providerId(), value);
			case "content" -> this.jdbc.queryForList("SELECT DISTINCT r.id FROM registration r JOIN entitlement e "
					+ "ON e.provider_id = r.provider_id AND e.generated_id = r.generated_id "
					+ "WHERE r.provider_id = ? AND r.status = 'ACTIVE' AND e.withdrawn_at IS NULL AND e.content_id = ? "
					+ "ORDER BY r.id", UUID.class, job.providerId(), value);
			default -> throw new IllegalArgumentException("Unknown pre-generation scope " + scope);
		};
	}

}
