package io.voucher.domain.license.plan;

/**
 * Why the planner made no license. Callers map each reason to their own answer (a license
 * status online, "no license" in pre-generation).
 */
public enum PlanRefusal {

	/** The stored policy overlaid with the overrides is not a valid policy. */
	INVALID_POLICY,

	/**
	 * A key the selection names (by key id, or as a track's active key) does not exist.
	 */
	CONTENT_KEY_UNKNOWN,

	/**
	 * The selection is malformed: a track named twice, a key of another track, an
	 * injected key without a track.
	 */
	MALFORMED_SELECTION,

	/** No key of the content matches the selected tracks. */
	NO_KEY_FOR_TRACKS,

	/**
	 * Every selected key requires a higher security level than the receiving device's.
	 */
	INSUFFICIENT_SECURITY_LEVEL

}
