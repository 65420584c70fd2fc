/**
 * The device CLI ({@code voucher-device}): the SDK's operations as commands, for
 * demonstrations, support and scripts.
 */
@NullMarked
package io.voucher.client.cli;

import org.jspecify.annotations.NullMarked;
