package io.voucher.crypto.group;

import java.security.PrivateKey;
import java.time.Instant;

import io.voucher.crypto.internal.PrivateKeys;

/**
 * A device's membership of a group (device side): the group private key of one
 * generation, opaque, from an opened group credential. Opens vouchers bound to the group.
 */
public final class GroupMembership {

	static {
		PrivateKeys.register(GroupMembership.class, (membership) -> membership.privateKey);
	}

	private final GroupId groupId;

	private final long generation;

	private final Instant expiresAt;

	private final PrivateKey privateKey;

	GroupMembership(GroupId groupId, long generation, Instant expiresAt, PrivateKey privateKey) {
		this.groupId = groupId;
		this.generation = generation;
		this.expiresAt = expiresAt;
		this.privateKey = privateKey;
	}

	/**
	 * The group.
	 * @return the group id
	 */
	public GroupId groupId() {
		return this.groupId;
	}

	/**
	 * The key generation.
	 * @return the generation
	 */
	public long generation() {
		return this.generation;
	}

	/**
	 * When the credential expires.
	 * @return the expiry
	 */
	public Instant expiresAt() {
		return this.expiresAt;
	}

	@Override
	public String toString() {
		return "GroupMembership[" + this.groupId + " generation " + this.generation + "]";
	}

}
