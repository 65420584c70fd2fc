/**
 * Providers: the tenants of Voucher, each owning its content, keys, policies and
 * credentials.
 */
@NullMarked
package io.voucher.domain.provider;

import org.jspecify.annotations.NullMarked;
