package io.voucher.registry.admission;

/**
 * Which trusted root a device certificate chains to.
 *
 * @param builtIn whether it is the built-in self-service Device CA
 * @param rootFingerprint base64url SHA-256 of the root certificate's DER
 */
public record DeviceOrigin(boolean builtIn, String rootFingerprint) {

}
