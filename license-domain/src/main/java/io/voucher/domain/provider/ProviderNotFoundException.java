package io.voucher.domain.provider;

/**
 * No provider of that name (or id) exists.
 */
public class ProviderNotFoundException extends RuntimeException {

	public ProviderNotFoundException(String name) {
		super("No provider named '" + name + "'");
	}

}
