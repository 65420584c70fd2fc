package io.voucher.domain.content;

/**
 * The provider already has content with that id, or a key with that key id.
 */
public class ContentAlreadyExistsException extends RuntimeException {

	public ContentAlreadyExistsException(String message) {
		super(message);
	}

}
