/**
 * Revocation lists: signed JWS listing the fingerprints of revoked device certificates.
 */
@NullMarked
package io.voucher.crypto.revocation;

import org.jspecify.annotations.NullMarked;
