package io.voucher.api.ratelimit;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Rate limits of the device API and of the console sign-in. Buckets live in each node's
 * memory, so with N nodes behind a load balancer a client may get up to N times these
 * limits.
 *
 * @param enabled whether requests are limited at all
 * @param perAddress the bucket of each source address (an IPv6 address counts by its /64
 * prefix)
 * @param perDevice the bucket of each device certificate named in a signed device request
 * or in a license message's challenge
 * @param trustedProxies addresses or CIDR ranges of reverse proxies whose
 * {@code X-Forwarded-For} names the real client; empty: the header is ignored
 * @param maxTrackedKeys most buckets kept per kind; the least recently used beyond this
 * are forgotten, so that memory stays bounded whatever the number of clients
 */
@ConfigurationProperties("voucher.rate-limits")
public record RateLimitProperties(@DefaultValue("true") boolean enabled, @DefaultValue AddressLimit perAddress,
		@DefaultValue DeviceLimit perDevice, @DefaultValue List<String> trustedProxies,
		@DefaultValue("50000") int maxTrackedKeys) {

	public RateLimitProperties {
		if (maxTrackedKeys < 1) {
			throw new IllegalArgumentException("voucher.rate-limits.max-tracked-keys must be at least 1");
		}
	}

	/**
	 * One token bucket: up to {@code capacity} requests at once, refilled at
	 * {@code capacity} per {@code refillPeriod}, evenly.
	 */
	public sealed interface Limit permits AddressLimit, DeviceLimit, Custom {

		/**
		 * Returns the burst size, which is also the number of requests per period.
		 * @return the capacity
		 */
		long capacity();

		/**
		 * Returns the time in which an empty bucket refills completely.
		 * @return the refill period
		 */
		Duration refillPeriod();

		/**
		 * Returns a limit of the given size.
		 * @param capacity the burst size and the number of requests per period
		 * @param refillPeriod the time in which an empty bucket refills completely
		 * @return the limit
		 */
		static Limit of(long capacity, Duration refillPeriod) {
			return new Custom(capacity, refillPeriod);
		}

		private static void check(long capacity, Duration refillPeriod) {
			if (capacity < 1) {
				throw new IllegalArgumentException("a rate limit's capacity must be at least 1");
			}
			if (refillPeriod.isNegative() || refillPeriod.isZero()) {
				throw new IllegalArgumentException("a rate limit's refill period must be positive");
			}
		}

	}

	/**
	 * The limit of one source address: a busy household or office shares one.
	 *
	 * @param capacity the burst size and the number of requests per period
	 * @param refillPeriod the time in which an empty bucket refills completely
	 */
	public record AddressLimit(@DefaultValue("600") long capacity,
			@DefaultValue("1m") Duration refillPeriod) implements Limit {

		public AddressLimit {
			Limit.check(capacity, refillPeriod);
		}

	}

	/**
	 * The limit of one device: a player asks for a few licenses and renewals a minute.
	 *
	 * @param capacity the burst size and the number of requests per period
	 * @param refillPeriod the time in which an empty bucket refills completely
	 */
	public record DeviceLimit(@DefaultValue("60") long capacity,
			@DefaultValue("1m") Duration refillPeriod) implements Limit {

		public DeviceLimit {
			Limit.check(capacity, refillPeriod);
		}

	}

	private record Custom(long capacity, Duration refillPeriod) implements Limit {

		Custom {
			Limit.check(capacity, refillPeriod);
		}

	}

}
