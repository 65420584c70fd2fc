/**
 * Voucher's own meters (Micrometer, scraped at {@code /actuator/prometheus}): crypto
 * operation timers, device registrations, bundle downloads and pre-generation. Meters are
 * registered once and kept, so that recording on a request path is a field read and an
 * increment. Tags are closed sets (and provider names): never a device, fingerprint,
 * generated ID or content id. {@code docs/metrics.md} lists every meter.
 */
@NullMarked
package io.voucher.api.metrics;

import org.jspecify.annotations.NullMarked;
