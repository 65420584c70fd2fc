/**
 * Revoked device certificates: a revoked device gets no license and no registration.
 */
@NullMarked
package io.voucher.registry.revocation;

import org.jspecify.annotations.NullMarked;
