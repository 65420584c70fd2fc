/**
 * The license planner: one pure function from a policy, its overrides, a content's keys,
 * the key selection and the license's recipient to the license to sign, or a typed
 * refusal. The online license service and pre-generation both call it, so that what goes
 * into a license is decided in one place; and the fingerprint pre-generation compares to
 * tell whether a stored license is still right.
 */
@NullMarked
package io.voucher.domain.license.plan;

import org.jspecify.annotations.NullMarked;
