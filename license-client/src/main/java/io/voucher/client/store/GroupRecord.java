package io.voucher.client.store;

import java.time.Instant;
import java.util.Objects;

import io.voucher.crypto.group.GroupId;

/**
 * A device group this device is a member of, with its latest group credential (the group
 * key encrypted to the device key, signed by the platform).
 *
 * @param groupId the group
 * @param generation the key generation the credential holds
 * @param credential the credential (compact JWS)
 * @param expiresAt when the credential expires
 */
public record GroupRecord(GroupId groupId, long generation, String credential, Instant expiresAt) {

	public GroupRecord {
		Objects.requireNonNull(groupId, "groupId");
		Objects.requireNonNull(expiresAt, "expiresAt");
		if (credential.isBlank()) {
			throw new IllegalArgumentException("the credential is required");
		}
	}

	@Override
	public String toString() {
		return "GroupRecord[" + this.groupId + " generation " + this.generation + "]";
	}

}
