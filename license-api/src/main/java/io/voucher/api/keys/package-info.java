/**
 * The server's key material: license signing keys, the Device CA and the key encryption
 * key, from configured PKCS#12 keystores in production or generated for development.
 */
@NullMarked
package io.voucher.api.keys;

import org.jspecify.annotations.NullMarked;
