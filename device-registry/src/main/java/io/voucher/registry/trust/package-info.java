/**
 * Manufacturer device roots that administrators add at run time: devices whose
 * certificates chain to one are accepted without individualization.
 */
@NullMarked
package io.voucher.registry.trust;

import org.jspecify.annotations.NullMarked;
