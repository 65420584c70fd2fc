package io.voucher.domain.provider;

/**
 * A provider of that name already exists.
 */
public class ProviderAlreadyExistsException extends RuntimeException {

	public ProviderAlreadyExistsException(String name) {
		super("A provider named '" + name + "' already exists");
	}

}
