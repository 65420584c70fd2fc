/**
 * The device API: individualization, the trust a device pins and the signed revocation
 * list. No credentials: a device proves itself by its signatures.
 */
@NullMarked
package io.voucher.api.device;

import org.jspecify.annotations.NullMarked;
