package io.voucher.domain.archfixture;

import io.voucher.domain.archfixture.internal.Hidden;

/**
 * A license-domain class that uses its own internals, as it may.
 */
public class DomainThing {

	public String name() {
		return new Hidden().secretName();
	}

}
