/**
 * The browser origins each provider allows to call the device API (CORS), validated and
 * stored per provider.
 */
@NullMarked
package io.voucher.domain.cors;

import org.jspecify.annotations.NullMarked;
