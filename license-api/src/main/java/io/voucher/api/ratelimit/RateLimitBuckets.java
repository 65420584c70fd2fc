package io.voucher.api.ratelimit;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;

/**
 * The token buckets of one kind of key (addresses, or devices), at most {@code maxKeys}
 * of them: beyond that the least recently used bucket is forgotten. Forgetting a bucket
 * only gives its key a fresh, full bucket, so the bound costs a little precision under a
 * flood of distinct keys and never memory.
 */
final class RateLimitBuckets {

	private final RateLimitProperties.Limit limit;

	private final Map<String, Bucket> buckets;

	RateLimitBuckets(RateLimitProperties.Limit limit, int maxKeys) {
		this.limit = limit;
		// An access-ordered map evicting its eldest entry is an LRU cache; a plain lock
		// is enough here, the work under it is a lookup.
		this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {

			@Override
			protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
				return size() > maxKeys;
			}

		};
	}

	/**
	 * Takes one token from the key's bucket.
	 * @param key the address or device
	 * @return whether a token was there and, if not, how long until one is
	 */
	ConsumptionProbe tryConsume(String key) {
		Bucket bucket;
		synchronized (this.buckets) {
			bucket = this.buckets.computeIfAbsent(key, (absent) -> newBucket());
		}
		return bucket.tryConsumeAndReturnRemaining(1);
	}

	int size() {
		synchronized (this.buckets) {
			return this.buckets.size();
		}
	}

	private Bucket newBucket() {
		return Bucket.builder()
			.addLimit((bandwidth) -> bandwidth.capacity(this.limit.capacity())
				.refillGreedy(this.limit.capacity(), this.limit.refillPeriod()))
			.build();
	}

}
