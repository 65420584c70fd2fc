package io.voucher.domain.entitlement;

/**
 * The generated ID already has a live entitlement to that content.
 */
public class EntitlementExistsException extends RuntimeException {

	public EntitlementExistsException(String contentId) {
		super("The generated ID already has a live entitlement to '" + contentId
				+ "'; withdraw it first to grant it under another policy");
	}

}
