package io.voucher.api.ratelimit;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How one more failed sign-in changes an account's or an address's counter.
 */
class SignInCounterTests {

	static final Instant T0 = Instant.parse("2026-12-07T12:00:00Z");

	static final SignInProperties PROPERTIES = new SignInProperties(3, Duration.ofMinutes(1), Duration.ofMinutes(10), 5,
			Duration.ofMinutes(15), Duration.ofHours(24));

	@Test
	void accountIsLockedAtTheLimitAndEachFurtherFailureDoublesTheLockOutUpToTheMaximum() {
		SignInCounter counter = null;
		for (int i = 0; i < 2; i++) {
			counter = SignInCounter.accountFailure(counter, T0, PROPERTIES);
			assertThat(counter.lockedAt(T0)).isFalse();
		}
		counter = SignInCounter.accountFailure(counter, T0, PROPERTIES);
		assertThat(counter.lockedUntil()).isEqualTo(T0.plus(Duration.ofMinutes(1)));

		Instant now = counter.lockedUntil();
		Duration[] expected = { Duration.ofMinutes(2), Duration.ofMinutes(4), Duration.ofMinutes(8),
				Duration.ofMinutes(10), Duration.ofMinutes(10) };
		for (Duration lockout : expected) {
			counter = SignInCounter.accountFailure(counter, now, PROPERTIES);
			assertThat(Duration.between(now, counter.lockedUntil())).isEqualTo(lockout);
			now = counter.lockedUntil();
		}
	}

	@Test
	void accountForgetsFailuresOlderThanForgetAfter() {
		SignInCounter counter = SignInCounter.accountFailure(null, T0, PROPERTIES);
		counter = SignInCounter.accountFailure(counter, T0, PROPERTIES);

		SignInCounter later = SignInCounter.accountFailure(counter, T0.plus(Duration.ofHours(24)), PROPERTIES);

		assertThat(later.failures()).isEqualTo(1);
		assertThat(later.lockedUntil()).isNull();
	}

	@Test
	void addressIsLockedUntilItsWindowEndsAndCountsAfreshAfterIt() {
		SignInCounter counter = null;
		for (int i = 0; i < 5; i++) {
			counter = SignInCounter.addressFailure(counter, T0.plusSeconds(i), PROPERTIES);
		}
		assertThat(counter.lockedUntil()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
		assertThat(counter.lockedAt(T0.plus(Duration.ofMinutes(14)))).isTrue();
		assertThat(counter.lockedAt(T0.plus(Duration.ofMinutes(15)))).isFalse();

		SignInCounter next = SignInCounter.addressFailure(counter, T0.plus(Duration.ofMinutes(15)), PROPERTIES);

		assertThat(next.failures()).isEqualTo(1);
		assertThat(next.lockedUntil()).isNull();
	}

}
