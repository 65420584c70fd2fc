package io.voucher.benchmark;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * One timed phase of load: where to send, how (a fixed arrival rate, or a fixed number of
 * concurrent requests), for how long, with which prepared request bodies; and what came
 * back. {@link LicenseSimulation} reads the current phase, Gatling runs in this JVM.
 *
 * @param name the phase's name in the results
 * @param baseUrl the platform
 * @param token the provider credential
 * @param rate requests per second, or {@code 0} for the closed model
 * @param concurrency concurrent requests of the closed model
 * @param duration how long requests are started
 * @param bodies the prepared license messages, one per request
 * @param recorder what came back
 */
record Phase(String name, String baseUrl, String token, double rate, int concurrency, Duration duration,
		List<String> bodies, LatencyRecorder recorder) {

	private static volatile @Nullable Phase current;

	static Phase current() {
		Phase phase = current;
		if (phase == null) {
			throw new IllegalStateException("no benchmark phase is set");
		}
		return phase;
	}

	static void setCurrent(@Nullable Phase phase) {
		current = phase;
	}

	boolean fixedRate() {
		return this.rate > 0;
	}

	/**
	 * The bodies as a Gatling feeder: each body once, in order.
	 * @return the feeder
	 */
	Iterator<Map<String, Object>> feeder() {
		AtomicInteger next = new AtomicInteger();
		return new Iterator<>() {

			@Override
			public boolean hasNext() {
				return next.get() < Phase.this.bodies.size();
			}

			@Override
			public Map<String, Object> next() {
				return Map.of("body", Phase.this.bodies.get(next.getAndIncrement()));
			}

		};
	}

}
