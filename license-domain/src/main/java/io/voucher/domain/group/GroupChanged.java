package io.voucher.domain.group;

import java.util.UUID;

/**
 * A group's licenses may need to change: its key rolled, its entitlements changed, or it
 * was deleted. Published inside the changing transaction.
 *
 * @param providerId the provider
 * @param groupRowId the group's internal id
 */
public record GroupChanged(UUID providerId, UUID groupRowId) {

}
