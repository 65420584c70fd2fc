/**
 * Helpers private to license-crypto: providers, JOSE plumbing, certificate building and
 * checking.
 */
@NullMarked
package io.voucher.crypto.internal;

import org.jspecify.annotations.NullMarked;
