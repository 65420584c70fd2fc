/**
 * Rate limits of the device API (per source address and per device certificate) and of
 * the console sign-in, with local token buckets; and the sign-in throttle of admin users,
 * which counts failed sign-ins per account and per address in the database and locks them
 * out.
 */
@NullMarked
package io.voucher.api.ratelimit;

import org.jspecify.annotations.NullMarked;
