package io.voucher.client.platform;

import java.time.Instant;

import io.voucher.crypto.group.GroupId;

/**
 * A group credential as the platform delivers it.
 *
 * @param groupId the group
 * @param generation the key generation
 * @param credential the credential (compact JWS)
 * @param expiresAt its expiry
 */
public record GroupCredentialAnswer(GroupId groupId, long generation, String credential, Instant expiresAt) {

	@Override
	public String toString() {
		return "GroupCredentialAnswer[" + this.groupId + " generation " + this.generation + "]";
	}

}
