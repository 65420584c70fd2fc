/**
 * Static export of out-of-band bundles: every active registration's bundle as a JSON file
 * that any plain HTTP server or CDN can serve, written incrementally and atomically, with
 * an index of what was exported.
 */
@NullMarked
package io.voucher.registry.export;

import org.jspecify.annotations.NullMarked;
