/**
 * Device refusal: a provider's blocks and device admission settings, and the
 * administrators' platform-wide revocation.
 */
@NullMarked
package io.voucher.api.devices;

import org.jspecify.annotations.NullMarked;
