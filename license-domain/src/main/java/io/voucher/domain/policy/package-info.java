/**
 * Playback policies: named, per provider, versioned; every field of the license
 * template's {@code policy_overrides}, and their resolution for one license (stored
 * policy overlaid with overrides, or overrides alone).
 */
@NullMarked
package io.voucher.domain.policy;

import org.jspecify.annotations.NullMarked;
