/**
 * Key material: secret wrapper, envelope encryption at rest, PKCS#12 keystores, license
 * signing keys and their trust.
 */
@NullMarked
package io.voucher.crypto.keys;

import org.jspecify.annotations.NullMarked;
