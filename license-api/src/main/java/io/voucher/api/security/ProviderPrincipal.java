package io.voucher.api.security;

import java.util.UUID;

/**
 * A provider's backend, authenticated by one of the provider's API credentials.
 *
 * @param providerId the provider
 * @param providerName the provider's name
 */
public record ProviderPrincipal(UUID providerId, String providerName) {

}
