/**
 * DASH-IF CPIX key delivery for packagers (and AWS SPEKE v2 callers): a CPIX request
 * document names a provider's content and the key ids wanted; the answer carries the
 * content keys, in clear for a {@code key_export} credential or encrypted to the
 * packager's delivery certificate, with {@code DRMSystem} signalling for W3C Clear Key
 * and Voucher's own format.
 */
@NullMarked
package io.voucher.api.cpix;

import org.jspecify.annotations.NullMarked;
