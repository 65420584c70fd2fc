package io.voucher.domain.content;

/**
 * A content or key request was refused; {@link #field()} names the offending field.
 */
public class InvalidContentException extends RuntimeException {

	private final String field;

	public InvalidContentException(String field, String message) {
		super(field + " " + message);
		this.field = field;
	}

	public String field() {
		return this.field;
	}

}
