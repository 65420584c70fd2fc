/**
 * Playback policy enforcement on the device: the license template's rules (can_play,
 * license, rental and playback durations, renewal timing) and the output requirements of
 * each key (security level, HDCP), decided against an injected clock.
 */
@NullMarked
package io.voucher.client.policy;

import org.jspecify.annotations.NullMarked;
