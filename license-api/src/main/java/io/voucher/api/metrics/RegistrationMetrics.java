package io.voucher.api.metrics;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Counts device registrations ({@code voucher.registrations}) by provider and outcome.
 * The provider tag is a provider's name only once the registration named a provider that
 * exists; otherwise it is {@value #UNKNOWN_PROVIDER}, so that requests cannot make up tag
 * values.
 */
@Component
public class RegistrationMetrics {

	/** The counter's name. */
	public static final String METRIC = "voucher.registrations";

	/** The provider tag when the request's provider is not (yet) known to exist. */
	public static final String UNKNOWN_PROVIDER = "unknown";

	private final Meter.MeterProvider<Counter> counters;

	public RegistrationMetrics(MeterRegistry meters) {
		this.counters = Counter.builder(METRIC)
			.description("Device registration requests, by provider and outcome")
			.withRegistry(meters);
	}

	/**
	 * Counts one registration request.
	 * @param provider the provider's name, or {@code null} when it is not known to exist
	 * @param outcome how it ended
	 */
	public void record(@Nullable String provider, Outcome outcome) {
		this.counters.withTags("provider", (provider != null) ? provider : UNKNOWN_PROVIDER, "outcome", outcome.tag())
			.increment();
	}

	/**
	 * How a registration request ended (the {@code outcome} tag: the constant in lower
	 * case).
	 */
	public enum Outcome {

		/** A new registration (201). */
		CREATED,
		/** The same generated ID and certificate registered again (200). */
		EXISTING,
		/** The signed request was refused: signature, chain, claims or freshness. */
		REJECTED,
		/** The device certificate is revoked. */
		REVOKED,
		/** The generated ID is registered with another certificate or provider. */
		CONFLICT,
		/** The generated ID's registration has ended. */
		GONE,
		/** The request names a provider that does not exist. */
		UNKNOWN_PROVIDER,
		/** Anything else (e.g. the database is unavailable). */
		ERROR;

		String tag() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
