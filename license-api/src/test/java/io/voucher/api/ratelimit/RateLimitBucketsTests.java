package io.voucher.api.ratelimit;

import java.time.Duration;

import io.github.bucket4j.ConsumptionProbe;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitBucketsTests {

	@Test
	void tryConsumeWhenCapacitySpentThenRefusedWithTimeToWait() {
		RateLimitBuckets buckets = new RateLimitBuckets(RateLimitProperties.Limit.of(2, Duration.ofHours(1)), 10);

		buckets.tryConsume("a");
		buckets.tryConsume("a");
		ConsumptionProbe third = buckets.tryConsume("a");

		assertThat(third.isConsumed()).isFalse();
		assertThat(third.getNanosToWaitForRefill()).isPositive();
		assertThat(buckets.tryConsume("b").isConsumed()).isTrue();
	}

	@Test
	void tryConsumeWhenMoreKeysThanTrackedThenLeastRecentlyUsedForgotten() {
		RateLimitBuckets buckets = new RateLimitBuckets(RateLimitProperties.Limit.of(1, Duration.ofHours(1)), 3);
		buckets.tryConsume("oldest");
		buckets.tryConsume("recent");

		for (int i = 0; i < 1000; i++) {
			buckets.tryConsume("flood-" + i);
			buckets.tryConsume("recent");
		}

		assertThat(buckets.size()).isEqualTo(3);
		// Kept in use, "recent" kept its empty bucket; "oldest" was forgotten: a full
		// one.
		assertThat(buckets.tryConsume("recent").isConsumed()).isFalse();
		assertThat(buckets.tryConsume("oldest").isConsumed()).isTrue();
	}

}
