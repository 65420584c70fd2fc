package io.voucher.benchmark;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the answers of one phase and keeps their response times in a histogram of whole
 * milliseconds (Gatling's own resolution), so that percentiles are exact at that
 * resolution. Thread-safe and cheap: it runs on Gatling's threads for every response.
 */
final class LatencyRecorder {

	private static final int MAX_MILLIS = 120_000;

	private final AtomicLongArray histogram = new AtomicLongArray(MAX_MILLIS + 1);

	private final LongAdder ok = new LongAdder();

	private final LongAdder errors = new LongAdder();

	private final AtomicLong firstNanos = new AtomicLong(Long.MAX_VALUE);

	private final AtomicLong lastNanos = new AtomicLong(Long.MIN_VALUE);

	/**
	 * Records one answer.
	 * @param millis its response time, or a negative value when there was no response
	 * @param success whether it was HTTP 200 with status OK
	 */
	void record(long millis, boolean success) {
		long now = System.nanoTime();
		this.firstNanos.accumulateAndGet(now, Math::min);
		this.lastNanos.accumulateAndGet(now, Math::max);
		if (success) {
			this.ok.increment();
		}
		else {
			this.errors.increment();
		}
		if (millis >= 0) {
			this.histogram.incrementAndGet((int) Math.min(millis, MAX_MILLIS));
		}
	}

	long ok() {
		return this.ok.sum();
	}

	long errors() {
		return this.errors.sum();
	}

	/**
	 * Answers per second between the first and the last answer.
	 * @return the throughput
	 */
	double throughput() {
		long total = ok() + errors();
		long span = this.lastNanos.get() - this.firstNanos.get();
		return (total > 1 && span > 0) ? (total - 1) * 1e9 / span : 0;
	}

	/**
	 * OK answers per second between the first and the last answer.
	 * @return the throughput of OK answers
	 */
	double okThroughput() {
		long total = ok() + errors();
		return (total > 0) ? throughput() * ok() / total : 0;
	}

	/**
	 * A percentile of the response times.
	 * @param percentile from 0 to 100
	 * @return milliseconds, or -1 with no response
	 */
	long percentile(double percentile) {
		long count = 0;
		for (int i = 0; i <= MAX_MILLIS; i++) {
			count += this.histogram.get(i);
		}
		if (count == 0) {
			return -1;
		}
		long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * count));
		long seen = 0;
		for (int i = 0; i <= MAX_MILLIS; i++) {
			seen += this.histogram.get(i);
			if (seen >= rank) {
				return i;
			}
		}
		return MAX_MILLIS;
	}

}
