package io.voucher.api.metrics;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.stereotype.Component;

/**
 * Times the cryptographic operations of the request paths and of pre-generation:
 * {@code voucher.crypto.operations}, tagged with the operation and whether it succeeded.
 * The crypto library stays free of any metrics dependency; the calls into it are timed
 * here. Every timer is registered at start-up, so timing a call costs two clock reads.
 */
@Component
public class CryptoTimers {

	/** The timer's name. */
	public static final String METRIC = "voucher.crypto.operations";

	private final Timer[] succeeded = new Timer[Operation.values().length];

	private final Timer[] failed = new Timer[Operation.values().length];

	public CryptoTimers(MeterRegistry meters) {
		for (Operation operation : Operation.values()) {
			this.succeeded[operation.ordinal()] = register(meters, operation, "success");
			this.failed[operation.ordinal()] = register(meters, operation, "failure");
		}
	}

	private static Timer register(MeterRegistry meters, Operation operation, String outcome) {
		return Timer.builder(METRIC)
			.description("Cryptographic operations (verification, key wrapping and signing), by operation and outcome")
			.tag("operation", operation.tag())
			.tag("outcome", outcome)
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofNanos(20_000))
			.maximumExpectedValue(Duration.ofSeconds(1))
			.register(meters);
	}

	/**
	 * Runs and times an operation; an exception is timed as a failure and rethrown.
	 * @param <T> what the operation answers
	 * @param operation the operation
	 * @param call the call into the crypto library
	 * @return the call's answer
	 */
	public <T> T time(Operation operation, Supplier<T> call) {
		long start = System.nanoTime();
		T result;
		try {
			result = call.get();
		}
		catch (RuntimeException ex) {
			this.failed[operation.ordinal()].record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
			throw ex;
		}
		this.succeeded[operation.ordinal()].record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
		return result;
	}

	/**
	 * Records a successful operation timed elsewhere.
	 * @param operation the operation
	 * @param nanos how long it took
	 */
	public void record(Operation operation, long nanos) {
		this.succeeded[operation.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * The timed operations (the {@code operation} tag: the constant in lower case).
	 */
	public enum Operation {

		/** Verifying a license challenge: device chain and signature. */
		VERIFY_CHALLENGE,
		/** Verifying a device registration request. */
		VERIFY_REGISTRATION,
		/** Verifying a device's signed group request. */
		VERIFY_GROUP_REQUEST,
		/**
		 * Issuing an online license: wrapping its keys for the recipient and signing it.
		 */
		ISSUE_LICENSE,
		/** Issuing a pre-generated license, in a background job. */
		ISSUE_PREGENERATED_LICENSE,
		/** Issuing a device group credential (wrapping the group key for a member). */
		ISSUE_GROUP_CREDENTIAL;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
