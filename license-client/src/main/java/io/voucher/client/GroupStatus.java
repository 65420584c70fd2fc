package io.voucher.client;

import java.time.Instant;

import io.voucher.crypto.group.GroupId;

/**
 * This device's membership of a device group.
 *
 * @param groupId the group
 * @param generation the key generation of the credential held
 * @param expiresAt when the credential expires (refresh it before)
 */
public record GroupStatus(GroupId groupId, long generation, Instant expiresAt) {
}
