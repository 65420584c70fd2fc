/**
 * Helpers private to the device SDK (JSON reading); not part of its API.
 */
@NullMarked
package io.voucher.client.internal;

import org.jspecify.annotations.NullMarked;
