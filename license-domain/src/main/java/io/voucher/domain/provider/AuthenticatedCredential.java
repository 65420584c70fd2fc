package io.voucher.domain.provider;

/**
 * A provider credential that a request presented, checked.
 *
 * @param provider the provider it belongs to
 * @param prefix its public prefix
 * @param keyExport whether it may export content keys in clear
 */
public record AuthenticatedCredential(Provider provider, String prefix, boolean keyExport) {

}
