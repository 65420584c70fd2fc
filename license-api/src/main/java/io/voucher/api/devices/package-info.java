/**
 * The provider API on devices: revocation of device certificates.
 */
@NullMarked
package io.voucher.api.devices;

import org.jspecify.annotations.NullMarked;
