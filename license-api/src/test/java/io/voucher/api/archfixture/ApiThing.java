package io.voucher.api.archfixture;

import io.voucher.domain.archfixture.DomainThing;

/**
 * A license-api class that uses license-domain's public API, as it may.
 */
public class ApiThing {

	public String name() {
		return new DomainThing().name();
	}

}
