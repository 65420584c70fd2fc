/**
 * The policy API: a provider's named playback policies.
 */
@NullMarked
package io.voucher.api.policy;

import org.jspecify.annotations.NullMarked;
