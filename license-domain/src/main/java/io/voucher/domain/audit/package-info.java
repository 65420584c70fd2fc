/**
 * The tamper-evident audit trail: every admin and provider action and every license
 * issued or refused, appended, then hash-chained by a cluster-wide sealer so that an
 * edited or deleted row is detected.
 */
@NullMarked
package io.voucher.domain.audit;

import org.jspecify.annotations.NullMarked;
