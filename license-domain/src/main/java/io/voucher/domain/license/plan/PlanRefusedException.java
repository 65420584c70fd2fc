package io.voucher.domain.license.plan;

/**
 * The planner refused to make a license. Its message names no secret (key ids at most),
 * so it may be shown to the caller.
 */
public class PlanRefusedException extends RuntimeException {

	private final PlanRefusal reason;

	PlanRefusedException(PlanRefusal reason, String message) {
		// No stack trace: pre-generation meets refusals in its loop, and the reason says
		// everything.
		super(message, null, false, false);
		this.reason = reason;
	}

	/**
	 * Why no license was made.
	 * @return the reason
	 */
	public PlanRefusal reason() {
		return this.reason;
	}

}
