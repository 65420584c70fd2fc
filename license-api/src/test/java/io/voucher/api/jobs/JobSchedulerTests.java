package io.voucher.api.jobs;

import java.time.Duration;
import java.time.Instant;

import io.voucher.domain.jobs.JobScheduler;
import io.voucher.domain.jobs.Jobs;
import io.voucher.domain.license.ChallengeNonces;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The application's job scheduler runs on the database: recurring jobs are registered as
 * rows, and a due job runs.
 */
@SpringBootTest
@PostgresTest
class JobSchedulerTests {

	@Autowired
	JobScheduler scheduler;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ChallengeNonces nonces;

	@Autowired
	Jobs jobs;

	@Test
	void recurringPurgeJobIsScheduledAndRunsWhenDue() throws Exception {
		this.nonces.claim("stale-nonce", Instant.now().minusSeconds(60));
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM scheduled_tasks WHERE task_name = 'purge-expired-challenge-nonces'", Long.class))
			.isEqualTo(1);

		// Make the job due now, as if its interval had passed, and let the scheduler pick
		// it.
		this.jdbc.update("UPDATE scheduled_tasks SET execution_time = now() - interval '1 second' "
				+ "WHERE task_name = 'purge-expired-challenge-nonces'");
		this.scheduler.checkForDueJobs();

		long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		long remaining = 1;
		while (remaining > 0 && System.nanoTime() < deadline) {
			Thread.sleep(100);
			remaining = this.jdbc.queryForObject("SELECT count(*) FROM challenge_nonce WHERE jti = 'stale-nonce'",
					Long.class);
		}
		assertThat(remaining).isZero();
		assertThat(this.jdbc.queryForObject(
				"SELECT last_success IS NOT NULL FROM scheduled_tasks WHERE task_name = 'purge-expired-challenge-nonces'",
				Boolean.class))
			.isTrue();
	}

	@Test
	void finishedJobsPastTheirRetentionAreDeletedAndTheOthersKept() {
		String insert = "INSERT INTO job (id, kind, scope, status, created_at, finished_at) "
				+ "VALUES (?::uuid, 'TEST', 'purge', ?, now() - interval '40 days', ";
		this.jdbc.update(insert + "now() - interval '31 days')", "00000000-0000-0000-0000-00000000a001", "SUCCEEDED");
		this.jdbc.update(insert + "now() - interval '31 days')", "00000000-0000-0000-0000-00000000a002", "FAILED");
		this.jdbc.update(insert + "now() - interval '1 day')", "00000000-0000-0000-0000-00000000a003", "SUCCEEDED");
		this.jdbc.update(insert + "NULL)", "00000000-0000-0000-0000-00000000a004", "RUNNING");

		int deleted = this.jobs.purgeFinished();

		assertThat(deleted).isEqualTo(2);
		assertThat(this.jdbc.queryForList("SELECT id::text FROM job WHERE scope = 'purge' ORDER BY id", String.class))
			.containsExactly("00000000-0000-0000-0000-00000000a003", "00000000-0000-0000-0000-00000000a004");
		assertThat(this.jdbc
			.queryForObject("SELECT count(*) FROM scheduled_tasks WHERE task_name = 'purge-finished-jobs'", Long.class))
			.isEqualTo(1);
	}

}
