/**
 * JMH benchmarks of license-crypto: the per-license operations and the raw primitives
 * under them, on the providers the module uses. Run with the {@code benchmarks} profile,
 * never as part of the build.
 */
@NullMarked
package io.voucher.crypto.benchmarks;

import org.jspecify.annotations.NullMarked;
