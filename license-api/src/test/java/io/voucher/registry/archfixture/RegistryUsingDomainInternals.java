package io.voucher.registry.archfixture;

import io.voucher.domain.archfixture.internal.Hidden;

/**
 * Breaks the internal-package rule on purpose: device-registry using a license-domain
 * internal class.
 */
public class RegistryUsingDomainInternals {

	public String name() {
		return new Hidden().secretName();
	}

}
