package io.voucher.crypto.archfixture;

import io.voucher.api.archfixture.ApiThing;

/**
 * Breaks the one-way rule on purpose: license-crypto depending on license-api.
 */
public class CryptoReachingIntoApi {

	public String name() {
		return new ApiThing().name();
	}

}
