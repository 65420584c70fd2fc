/**
 * The device's local, encrypted store: the device key and certificate in a PKCS#12 file,
 * and the rest (pinned license root, registrations, group credentials, vouchers and their
 * usage) in a file encrypted with AES-GCM under a key kept in the same PKCS#12 file.
 */
@NullMarked
package io.voucher.client.store;

import org.jspecify.annotations.NullMarked;
