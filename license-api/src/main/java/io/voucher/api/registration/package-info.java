/**
 * Registration of generated IDs (device API), out-of-band bundles, and the provider's
 * view of registrations with the transfer after a factory reset.
 */
@NullMarked
package io.voucher.api.registration;

import org.jspecify.annotations.NullMarked;
