/**
 * W3C Clear Key licenses for browsers and other EME players: the EME Clear Key license
 * request, authorized by a provider's entitlement token, answered with the content keys
 * the token's policy grants a software (level 1) client, with per-provider CORS, rate
 * limits, metrics, records and audit as for Voucher's own licenses.
 */
@NullMarked
package io.voucher.api.clearkey;

import org.jspecify.annotations.NullMarked;
