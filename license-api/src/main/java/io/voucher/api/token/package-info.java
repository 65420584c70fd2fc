/**
 * Entitlement tokens, the direct license model: a provider's backend signs a short-lived
 * JWT naming a device, contents and a policy; the device presents it with its challenge
 * and gets a license without a license proxy. Also the provider API that manages the keys
 * those tokens are signed with.
 */
@NullMarked
package io.voucher.api.token;

import org.jspecify.annotations.NullMarked;
