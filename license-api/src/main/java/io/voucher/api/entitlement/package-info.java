/**
 * The entitlement API: which generated ID gets which content under which policy.
 */
@NullMarked
package io.voucher.api.entitlement;

import org.jspecify.annotations.NullMarked;
