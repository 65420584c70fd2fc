/**
 * The device registry: device certificates, generated IDs, registrations, revocation,
 * pre-generated licenses and out-of-band bundles.
 */
@NullMarked
package io.voucher.registry;

import org.jspecify.annotations.NullMarked;
