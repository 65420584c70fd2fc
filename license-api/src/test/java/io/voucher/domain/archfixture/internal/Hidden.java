package io.voucher.domain.archfixture.internal;

/**
 * A license-domain internal class.
 */
public class Hidden {

	public String secretName() {
		return "hidden";
	}

}
