package io.voucher.api.jobs;

import java.time.Duration;
import java.time.Instant;

import io.voucher.domain.jobs.JobScheduler;
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

}
