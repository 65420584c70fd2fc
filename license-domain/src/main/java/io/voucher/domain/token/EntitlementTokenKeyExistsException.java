package io.voucher.domain.token;

/**
 * The provider already has an entitlement-token key with that key id.
 */
public class EntitlementTokenKeyExistsException extends RuntimeException {

	public EntitlementTokenKeyExistsException(String kid) {
		super("An entitlement-token key " + kid + " already exists");
	}

}
