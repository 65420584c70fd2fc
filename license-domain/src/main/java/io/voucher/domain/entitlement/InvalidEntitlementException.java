package io.voucher.domain.entitlement;

/**
 * An entitlement request is invalid; {@link #field()} names the field at fault.
 */
public class InvalidEntitlementException extends RuntimeException {

	private final String field;

	public InvalidEntitlementException(String field, String message) {
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
