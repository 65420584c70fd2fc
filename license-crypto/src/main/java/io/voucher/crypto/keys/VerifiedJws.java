package io.voucher.crypto.keys;

import java.security.cert.X509Certificate;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The content of a JWS whose signature and signer were verified.
 *
 * @param kid the signing key's id
 * @param signer the signing certificate, when the JWS carried {@code x5c}
 * @param claims the JSON payload
 */
public record VerifiedJws(String kid, @Nullable X509Certificate signer, Map<String, Object> claims) {
}
