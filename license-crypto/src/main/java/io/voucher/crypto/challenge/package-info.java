/**
 * License challenges: JWS requests signed by a device key, built on the device and
 * verified by the server.
 */
@NullMarked
package io.voucher.crypto.challenge;

import org.jspecify.annotations.NullMarked;
