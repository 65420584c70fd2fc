/**
 * Requests signed by a device key: license challenges and registrations of a generated
 * ID, built on the device and verified by the server with the same rules.
 */
@NullMarked
package io.voucher.crypto.challenge;

import org.jspecify.annotations.NullMarked;
