package io.voucher.crypto.keys;

import java.security.cert.X509Certificate;

import io.voucher.crypto.pki.DeviceCa;

/**
 * The server's key material: the license root certificate (pinned by devices), the
 * license signing keys, the Device CA and the key encryption key.
 *
 * @param licenseRoot the license root certificate
 * @param signingKeys the license signing keys
 * @param deviceCa the Device CA
 * @param kek the key encryption key for secrets at rest
 */
public record KeyMaterial(X509Certificate licenseRoot, SigningKeyRing signingKeys, DeviceCa deviceCa,
		KeyEncryptionKey kek) {
}
