package io.voucher.registry.pregeneration;

/**
 * Told what pre-generation does as it does it, so that the application can count and time
 * it (this module stays free of any metrics library). At most one bean of this type is
 * used; without one, nothing is told. Calls come from job threads, in or around the job's
 * transactions: an implementation must be cheap, thread-safe and never throw.
 */
public interface PregenerationListener {

	/** A listener that ignores everything. */
	PregenerationListener NONE = new PregenerationListener() {
	};

	/**
	 * A license was signed for a registration or a device group.
	 * @param target whom it was signed for
	 * @param nanos how long signing it (key wrap and signature) took
	 */
	default void licenseSigned(Target target, long nanos) {
	}

	/**
	 * Registrations or device groups were brought in line with their entitlements and
	 * committed.
	 * @param target what was synced
	 * @param count how many
	 */
	default void synced(Target target, int count) {
	}

	/**
	 * Registrations could not be synced, and were put off to be tried again later.
	 * @param target what could not be synced
	 * @param count how many
	 */
	default void failed(Target target, int count) {
	}

	/**
	 * A pre-generation job run ended on this node.
	 * @param outcome how it ended
	 * @param nanos how long the run took
	 */
	default void runEnded(RunOutcome outcome, long nanos) {
	}

	/**
	 * What pre-generated licenses are for.
	 */
	enum Target {

		/** A registered generated ID (one device). */
		REGISTRATION,
		/** A device group. */
		GROUP

	}

	/**
	 * How a job run ended.
	 */
	enum RunOutcome {

		/** Every item is done. */
		FINISHED,
		/** Stopped early because the node is stopping; it resumes later. */
		INTERRUPTED,
		/** Failed with an error; the job is marked failed. */
		FAILED

	}

}
