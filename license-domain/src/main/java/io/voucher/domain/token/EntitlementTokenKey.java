package io.voucher.domain.token;

import java.time.Instant;
import java.util.UUID;

/**
 * A provider's entitlement-token key as listed: what identifies it, never its secret.
 *
 * @param id the key's row id
 * @param providerId the provider it belongs to
 * @param kid the key id that tokens name in their header, unique per provider
 * @param algorithm the one algorithm tokens signed with it must use
 * @param createdAt when it was created
 */
public record EntitlementTokenKey(UUID id, UUID providerId, String kid, EntitlementTokenAlgorithm algorithm,
		Instant createdAt) {

}
