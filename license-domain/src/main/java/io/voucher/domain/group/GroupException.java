package io.voucher.domain.group;

/**
 * A group operation was refused; {@link #reason()} says why.
 */
public class GroupException extends RuntimeException {

	private final Reason reason;

	public GroupException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	/**
	 * Why the operation was refused.
	 * @return the reason
	 */
	public Reason reason() {
		return this.reason;
	}

	/**
	 * Why a group operation was refused.
	 */
	public enum Reason {

		/** No such group for this provider. */
		NOT_FOUND,
		/** The group was deleted. */
		GONE,
		/** The group has its maximum number of members. */
		FULL,
		/** The join token is unknown, used, expired or for another group. */
		JOIN_TOKEN_REJECTED,
		/** The device is not a member of the group. */
		NOT_A_MEMBER,
		/** The request is invalid (name, size…). */
		INVALID

	}

}
