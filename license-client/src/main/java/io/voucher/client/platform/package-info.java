/**
 * The device's view of the platform: the device API calls (individualization, trust,
 * registration, bundles, groups, revocation list) behind {@link DevicePlatform}, and
 * their HTTP implementation.
 */
@NullMarked
package io.voucher.client.platform;

import org.jspecify.annotations.NullMarked;
