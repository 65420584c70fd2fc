/**
 * The device SDK: individualization, registration, vouchers, device groups, factory reset
 * and policy enforcement on the device.
 */
@NullMarked
package io.voucher.client;

import org.jspecify.annotations.NullMarked;
