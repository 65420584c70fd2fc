/**
 * Vouchers (licenses): JWS signed by the license server carrying the content keys in one
 * JWE to a device or group.
 */
@NullMarked
package io.voucher.crypto.voucher;

import org.jspecify.annotations.NullMarked;
