package io.voucher.domain.provider;

/**
 * The provider has no credential with that prefix.
 */
public class CredentialNotFoundException extends RuntimeException {

	public CredentialNotFoundException(String prefix) {
		super("No credential with prefix '" + prefix + "'");
	}

}
