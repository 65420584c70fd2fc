package io.voucher.api.cors;

/**
 * Published on this node after a provider's browser origins were replaced, so that every
 * cache of origins (the device API's, the Clear Key endpoint's) forgets what it holds
 * without the CORS package knowing the caches.
 *
 * @param providerName the provider whose origins changed
 */
public record CorsOriginsChanged(String providerName) {

}
