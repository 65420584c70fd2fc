/**
 * Issued licenses and what makes each request count once: challenge nonces, single-use
 * across every node.
 */
@NullMarked
package io.voucher.domain.license;

import org.jspecify.annotations.NullMarked;
