package io.voucher.api.metrics;

import java.util.Locale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Counts out-of-band bundle answers ({@code voucher.bundle.downloads}): full downloads
 * and the {@code 304 Not Modified} answers to a revalidation, for device and group
 * bundles. All four counters exist from start-up, so a dashboard shows zeros rather than
 * nothing.
 */
@Component
public class BundleMetrics {

	/** The counter's name. */
	public static final String METRIC = "voucher.bundle.downloads";

	private final Counter[] full = new Counter[Kind.values().length];

	private final Counter[] notModified = new Counter[Kind.values().length];

	public BundleMetrics(MeterRegistry meters) {
		for (Kind kind : Kind.values()) {
			this.full[kind.ordinal()] = register(meters, kind, "full");
			this.notModified[kind.ordinal()] = register(meters, kind, "not_modified");
		}
	}

	private static Counter register(MeterRegistry meters, Kind kind, String result) {
		return Counter.builder(METRIC)
			.description("Out-of-band bundle answers: full downloads (200) and unchanged revalidations (304)")
			.tag("bundle", kind.name().toLowerCase(Locale.ROOT))
			.tag("result", result)
			.register(meters);
	}

	/**
	 * Counts a bundle sent in full.
	 * @param kind whose bundle
	 */
	public void downloaded(Kind kind) {
		this.full[kind.ordinal()].increment();
	}

	/**
	 * Counts a {@code 304 Not Modified} answer.
	 * @param kind whose bundle
	 */
	public void notModified(Kind kind) {
		this.notModified[kind.ordinal()].increment();
	}

	/**
	 * Whose bundle (the {@code bundle} tag: the constant in lower case).
	 */
	public enum Kind {

		/** A registered generated ID's bundle. */
		DEVICE,
		/** A device group's bundle. */
		GROUP

	}

}
