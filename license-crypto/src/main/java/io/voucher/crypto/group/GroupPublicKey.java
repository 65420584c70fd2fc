package io.voucher.crypto.group;

import java.security.interfaces.ECPublicKey;

/**
 * The public key of one generation of a group's key: what vouchers bound to the group are
 * encrypted to.
 *
 * @param groupId the group
 * @param generation the key generation (1, 2, … as members leave)
 * @param key the EC P-256 public key
 */
public record GroupPublicKey(GroupId groupId, long generation, ECPublicKey key) {

	public GroupPublicKey {
		if (generation < 1) {
			throw new IllegalArgumentException("generations start at 1");
		}
	}

}
