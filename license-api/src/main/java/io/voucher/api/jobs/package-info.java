/**
 * Progress of background jobs (pre-generation, exports).
 */
@NullMarked
package io.voucher.api.jobs;

import org.jspecify.annotations.NullMarked;
