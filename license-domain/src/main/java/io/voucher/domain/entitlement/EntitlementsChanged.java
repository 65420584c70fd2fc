package io.voucher.domain.entitlement;

import java.util.UUID;

/**
 * The live entitlements of a generated ID changed (granted, withdrawn, moved). Published
 * inside the changing transaction.
 *
 * @param providerId the provider
 * @param generatedId the generated ID whose entitlements changed
 */
public record EntitlementsChanged(UUID providerId, String generatedId) {

}
