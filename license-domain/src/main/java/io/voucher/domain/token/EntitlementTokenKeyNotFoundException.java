package io.voucher.domain.token;

/**
 * The provider has no entitlement-token key with that key id.
 */
public class EntitlementTokenKeyNotFoundException extends RuntimeException {

	public EntitlementTokenKeyNotFoundException(String kid) {
		super("No entitlement-token key " + kid);
	}

}
