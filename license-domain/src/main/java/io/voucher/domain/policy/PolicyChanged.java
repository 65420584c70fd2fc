package io.voucher.domain.policy;

import java.util.UUID;

/**
 * A stored policy's settings changed (a new revision). Published inside the changing
 * transaction.
 *
 * @param providerId the provider
 * @param name the policy's name
 */
public record PolicyChanged(UUID providerId, String name) {

}
