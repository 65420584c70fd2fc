package io.voucher.domain.jobs;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A background job as its users follow it.
 *
 * @param id the job's id
 * @param providerId the provider whose data it works on, or {@code null} for a platform
 * job
 * @param kind what it does, e.g. {@code PREGENERATION}
 * @param scope what it works on, e.g. {@code registration:<id>}
 * @param status where it is
 * @param total how many items it has to do, once known
 * @param done how many it has done
 * @param failed how many failed
 * @param attempts how many times a node started it (more than one after an interruption)
 * @param message why it failed, or a summary when it succeeded
 * @param createdAt when it was queued
 * @param startedAt when a node first started it
 * @param finishedAt when it ended
 */
public record Job(UUID id, @Nullable UUID providerId, String kind, String scope, JobStatus status, @Nullable Long total,
		long done, long failed, int attempts, @Nullable String message, Instant createdAt, @Nullable Instant startedAt,
		@Nullable Instant finishedAt) {

	/**
	 * Where a job is.
	 */
	public enum JobStatus {

		/** Waiting for a node (first run, or resumed after an interruption). */
		QUEUED,
		/** A node is working on it. */
		RUNNING,
		/** Finished; every item done. */
		SUCCEEDED,
		/** Stopped on an error it cannot recover from. */
		FAILED

	}

}
