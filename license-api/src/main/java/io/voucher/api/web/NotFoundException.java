package io.voucher.api.web;

/**
 * The requested entity does not exist (or is not visible to the caller).
 */
public class NotFoundException extends ApiException {

	public NotFoundException(String message) {
		super(ProblemCode.NOT_FOUND, message);
	}

}
