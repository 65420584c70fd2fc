package io.voucher.api.clearkey;

import java.time.Duration;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Times Clear Key license requests ({@value #METRIC}) by provider and status: {@code OK}
 * or the problem code. The provider tag is a provider's name only once its token
 * verified; otherwise {@value #UNKNOWN_PROVIDER}, so that requests cannot make up tag
 * values.
 */
@Component
class ClearKeyMetrics {

	/** The timer's name. */
	static final String METRIC = "voucher.clearkey.requests";

	/** The provider tag before a token verified. */
	static final String UNKNOWN_PROVIDER = "unknown";

	/** The status tag of an answer with keys. */
	static final String OK = "OK";

	private final Meter.MeterProvider<Timer> timers;

	ClearKeyMetrics(MeterRegistry meters) {
		this.timers = Timer.builder(METRIC)
			.description("Clear Key license requests answered, by provider and status (OK or the problem code)")
			.publishPercentileHistogram()
			.minimumExpectedValue(Duration.ofNanos(500_000))
			.maximumExpectedValue(Duration.ofSeconds(10))
			.withRegistry(meters);
	}

	void record(@Nullable String provider, String status, long nanos) {
		this.timers.withTags("provider", (provider != null) ? provider : UNKNOWN_PROVIDER, "status", status)
			.record(Duration.ofNanos(nanos));
	}

}
