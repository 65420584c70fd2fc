/**
 * Device groups: group key pairs and the signed group credentials that hand a group
 * private key to a member device.
 */
@NullMarked
package io.voucher.crypto.group;

import org.jspecify.annotations.NullMarked;
