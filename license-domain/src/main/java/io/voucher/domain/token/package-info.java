/**
 * Entitlement-token keys: the keys with which a provider's backend signs the short-lived
 * entitlement tokens of the direct license model (an HMAC secret the server generates and
 * keeps sealed, or an EC P-256 public key the provider registers).
 */
@NullMarked
package io.voucher.domain.token;

import org.jspecify.annotations.NullMarked;
