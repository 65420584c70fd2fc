/**
 * License cryptography of Voucher: device PKI, challenges, vouchers (licenses), group
 * credentials, revocation lists and keys at rest.
 */
@NullMarked
package io.voucher.crypto;

import org.jspecify.annotations.NullMarked;
