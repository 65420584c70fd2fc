package io.voucher.domain.license;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes each challenge's {@code jti} usable once, across all nodes: the database's
 * primary key decides, so two nodes receiving the same challenge at the same time cannot
 * both accept it. Nonces are kept until the challenge could no longer be accepted anyway,
 * then purged by a recurring job.
 */
@Component
public class ChallengeNonces {

	/** Longest nonce accepted. */
	public static final int MAX_LENGTH = 200;

	private static final Logger logger = LoggerFactory.getLogger(ChallengeNonces.class);

	private final JdbcTemplate jdbc;

	private final Clock clock;

	ChallengeNonces(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Claims a nonce. Call it in the transaction that records what the challenge led to,
	 * so that a rolled-back request does not burn the nonce.
	 * @param jti the challenge's nonce
	 * @param keepUntil when the challenge can no longer be accepted (its {@code iat} plus
	 * the allowed skew)
	 * @throws ReplayedChallengeException if the nonce was claimed before
	 */
	public void claim(String jti, Instant keepUntil) {
		if (jti.isEmpty() || jti.length() > MAX_LENGTH) {
			throw new IllegalArgumentException("a nonce is 1 to " + MAX_LENGTH + " characters");
		}
		int inserted = this.jdbc.update(
				"INSERT INTO challenge_nonce (jti, expires_at) VALUES (?, ?) ON CONFLICT (jti) DO NOTHING", jti,
				Timestamp.from(keepUntil));
		if (inserted == 0) {
			throw new ReplayedChallengeException();
		}
	}

	/**
	 * Deletes nonces whose challenges can no longer be accepted.
	 * @return how many were deleted
	 */
	public int purgeExpired() {
		int deleted = this.jdbc.update("DELETE FROM challenge_nonce WHERE expires_at < ?",
				Timestamp.from(this.clock.instant()));
		if (deleted > 0) {
			logger.debug("Purged {} expired challenge nonces", deleted);
		}
		return deleted;
	}

	/**
	 * The recurring job that purges expired nonces, on one node at a time.
	 */
	@Configuration(proxyBeanMethods = false)
	static class PurgeJob {

		static final Duration INTERVAL = Duration.ofMinutes(10);

		@Bean
		RecurringTask<Void> purgeExpiredChallengeNonces(ChallengeNonces nonces) {
			return Tasks.recurring("purge-expired-challenge-nonces", Schedules.fixedDelay(INTERVAL))
				.execute((instance, context) -> nonces.purgeExpired());
		}

	}

}
