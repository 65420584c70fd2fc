/**
 * Entitlements: which device (by its generated ID) gets which content under which policy.
 * Every change is announced as an
 * {@link io.voucher.domain.entitlement.EntitlementsChanged} event in the changing
 * transaction, so that licenses can be pre-generated for it.
 */
@NullMarked
package io.voucher.domain.entitlement;

import org.jspecify.annotations.NullMarked;
