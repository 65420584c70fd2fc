package io.voucher.registry.activity;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The platform's activity over a window, in buckets of equal length. Series are sparse: a
 * bucket with nothing in it is left out.
 *
 * @param from start of the window (inclusive), on a bucket boundary
 * @param to end of the window (exclusive)
 * @param bucket the length of a bucket
 * @param providerId the provider the report is limited to, or {@code null} for all
 * @param totals counts at the time of the report, and answers within the window
 * @param licenseAnswers online license answers per bucket and status ({@code OK} for an
 * issued license, else the refusal status)
 * @param registrations new registrations per bucket
 * @param pregeneration the pre-generation backlog and throughput
 */
public record ActivityReport(Instant from, Instant to, Duration bucket, @Nullable UUID providerId, Totals totals,
		List<StatusCount> licenseAnswers, List<Count> registrations, Pregeneration pregeneration) {

	/**
	 * Counts.
	 *
	 * @param providers providers in all
	 * @param activeRegistrations registrations in force
	 * @param devices distinct device certificates with a registration in force
	 * @param revokedDevices revoked device certificates
	 * @param deviceGroups device groups not deleted
	 * @param licensesIssued licenses issued online within the window
	 * @param licensesRefused license requests refused within the window
	 */
	public record Totals(long providers, long activeRegistrations, long devices, long revokedDevices, long deviceGroups,
			long licensesIssued, long licensesRefused) {
	}

	/**
	 * A count in one bucket.
	 *
	 * @param bucketStart the start of the bucket
	 * @param count how many
	 */
	public record Count(Instant bucketStart, long count) {
	}

	/**
	 * A count of one status in one bucket.
	 *
	 * @param bucketStart the start of the bucket
	 * @param status the status
	 * @param count how many
	 */
	public record StatusCount(Instant bucketStart, String status, long count) {
	}

	/**
	 * Pre-generation: what waits, and what was made.
	 *
	 * @param backlog registrations waiting for their first licenses
	 * @param jobsQueued pre-generation jobs queued
	 * @param jobsRunning pre-generation jobs running
	 * @param generated licenses pre-generated per bucket, for devices and groups
	 */
	public record Pregeneration(long backlog, long jobsQueued, long jobsRunning, List<Count> generated) {
	}

}
