package io.voucher.crypto.archfixture;

import org.springframework.util.StringUtils;

/**
 * Breaks the plain-Java rule on purpose: license-crypto code that uses Spring.
 */
public class CryptoUsingSpring {

	public boolean blank(String value) {
		return !StringUtils.hasText(value);
	}

}
