/**
 * Registrations of generated IDs with device certificates, their end (factory reset,
 * revocation) and the transfer of entitlements to a device's new generated ID.
 */
@NullMarked
package io.voucher.registry.registration;

import org.jspecify.annotations.NullMarked;
