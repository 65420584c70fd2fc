package io.voucher.domain.jobs;

/**
 * Runs the jobs of one kind. A handler works in small transactions and asks
 * {@link JobRun#shouldStop()} between them, so that a job stopped half-way (node shutting
 * down, node killed) is resumed later from where it is, never redoing what is done: the
 * work it does must be idempotent.
 */
public interface JobHandler {

	/**
	 * The kind of job this handler runs.
	 * @return the kind, e.g. {@code PREGENERATION}
	 */
	String kind();

	/**
	 * Runs (or resumes) a job.
	 * @param job the job
	 * @param run progress reporting and the stop signal
	 * @return whether the job finished or stopped early and must be resumed
	 */
	Outcome run(Job job, JobRun run);

	/**
	 * How a run ended.
	 */
	enum Outcome {

		/** Every item is done. */
		FINISHED,
		/** Stopped before the end because the node is stopping; resume later. */
		INTERRUPTED

	}

	/**
	 * What a running job may report and ask.
	 */
	interface JobRun {

		/**
		 * Records how many items the job has in all.
		 * @param total the number of items
		 */
		void total(long total);

		/**
		 * Records progress.
		 * @param done items done so far
		 * @param failed items failed so far
		 */
		void progress(long done, long failed);

		/**
		 * Tells whether the job should stop at the next safe point.
		 * @return whether this node is stopping
		 */
		boolean shouldStop();

	}

}
