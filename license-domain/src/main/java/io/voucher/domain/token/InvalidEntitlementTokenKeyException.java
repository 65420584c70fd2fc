package io.voucher.domain.token;

/**
 * An entitlement-token key request is invalid; {@link #field()} names the field at fault.
 */
public class InvalidEntitlementTokenKeyException extends RuntimeException {

	private final String field;

	public InvalidEntitlementTokenKeyException(String field, String message) {
		super(message);
		this.field = field;
	}

	/**
	 * The field at fault, by its API name.
	 * @return the field
	 */
	public String field() {
		return this.field;
	}

}
