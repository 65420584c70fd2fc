package io.voucher.domain.entitlement;

/**
 * The provider has no entitlement with that id.
 */
public class EntitlementNotFoundException extends RuntimeException {

	public EntitlementNotFoundException(String id) {
		super("No entitlement " + id);
	}

}
