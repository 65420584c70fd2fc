/**
 * The audit trail over HTTP: every state-changing call recorded, and the admin API to
 * query the trail and verify its chain.
 */
@NullMarked
package io.voucher.api.audit;

import org.jspecify.annotations.NullMarked;
