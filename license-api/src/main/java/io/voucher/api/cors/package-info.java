/**
 * CORS for browser players: each provider's allowed origins, managed on the provider API,
 * and the CORS answers of the device API built from all of them.
 */
@NullMarked
package io.voucher.api.cors;

import org.jspecify.annotations.NullMarked;
