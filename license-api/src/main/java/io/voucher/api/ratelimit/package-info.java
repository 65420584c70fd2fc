/**
 * Rate limits of the device API (per source address and per device certificate) and of
 * the console sign-in, with local token buckets.
 */
@NullMarked
package io.voucher.api.ratelimit;

import org.jspecify.annotations.NullMarked;
