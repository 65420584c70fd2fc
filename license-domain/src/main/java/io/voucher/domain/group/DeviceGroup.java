package io.voucher.domain.group;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A device group.
 *
 * @param rowId the internal id
 * @param providerId the owning provider
 * @param groupId the public id, as it appears in paths and licenses
 * @param name a human-readable name
 * @param maxMembers the most active members it may have
 * @param generation the current key generation
 * @param activeMembers how many members it has now
 * @param createdAt when it was created
 * @param deletedAt when it was deleted, or {@code null}
 * @param bundleVersion grows with every change of its bundle of licenses
 */
public record DeviceGroup(UUID rowId, UUID providerId, String groupId, String name, int maxMembers, long generation,
		int activeMembers, Instant createdAt, @Nullable Instant deletedAt, long bundleVersion) {

	/**
	 * Tells whether the group still exists.
	 * @return whether it was not deleted
	 */
	public boolean live() {
		return this.deletedAt == null;
	}

}
