/**
 * Licenses pre-generated for every (registration × entitlement), kept current by
 * cluster-wide background jobs, and the out-of-band bundles that carry them to devices.
 */
@NullMarked
package io.voucher.registry.pregeneration;

import org.jspecify.annotations.NullMarked;
