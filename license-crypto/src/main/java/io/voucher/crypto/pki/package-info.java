/**
 * Device PKI: the Device CA issuing X.509 device certificates from PKCS#10 requests,
 * device keys and chain validation.
 */
@NullMarked
package io.voucher.crypto.pki;

import org.jspecify.annotations.NullMarked;
