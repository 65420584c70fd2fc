package io.voucher.domain.license;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.voucher.crypto.testing.TestClock;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@PostgresTest
@Import({ ChallengeNonces.class, ChallengeNoncesTests.Clocks.class })
@Transactional(propagation = Propagation.NOT_SUPPORTED)
class ChallengeNoncesTests {

	static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

	@Autowired
	ChallengeNonces nonces;

	@Autowired
	TestClock clock;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void claimWhenUsedBeforeThenReplay() {
		this.nonces.claim("nonce-1", NOW.plusSeconds(300));

		assertThatExceptionOfType(ReplayedChallengeException.class)
			.isThrownBy(() -> this.nonces.claim("nonce-1", NOW.plusSeconds(300)));
	}

	@Test
	void concurrentClaimsOfOneNonceLetExactlyOneThrough() throws Exception {
		int threads = 10;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<Boolean>> results = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				results.add(executor.submit(() -> {
					start.await();
					try {
						this.nonces.claim("contended", NOW.plusSeconds(300));
						return true;
					}
					catch (ReplayedChallengeException ex) {
						return false;
					}
				}));
			}
			start.countDown();
			int accepted = 0;
			for (Future<Boolean> result : results) {
				accepted += result.get() ? 1 : 0;
			}
			assertThat(accepted).isEqualTo(1);
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void purgeDeletesOnlyExpiredNonces() {
		this.nonces.claim("expires-soon", NOW.plusSeconds(60));
		this.nonces.claim("expires-later", NOW.plusSeconds(3600));
		this.clock.set(NOW.plus(Duration.ofMinutes(2)));

		int purged = this.nonces.purgeExpired();

		assertThat(purged).isEqualTo(1);
		assertThat(this.jdbc.queryForList("SELECT jti FROM challenge_nonce WHERE jti LIKE 'expires-%'", String.class))
			.containsExactly("expires-later");
	}

	@Test
	void claimWhenNonceEmptyOrTooLongThenRefused() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.nonces.claim("", NOW.plusSeconds(1)));
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.nonces.claim("x".repeat(201), NOW.plusSeconds(1)));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		@Bean
		TestClock clock() {
			return new TestClock(NOW);
		}

	}

}
