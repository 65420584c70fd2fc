/**
 * Content and its keys: one 16-byte content key with a 16-byte key id per track type,
 * generated or injected by the provider, rotated without losing the keys of licenses
 * already issued, and stored only sealed under the key encryption key.
 */
@NullMarked
package io.voucher.domain.content;

import org.jspecify.annotations.NullMarked;
