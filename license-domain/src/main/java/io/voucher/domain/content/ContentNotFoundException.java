package io.voucher.domain.content;

/**
 * The provider has no content with that id.
 */
public class ContentNotFoundException extends RuntimeException {

	public ContentNotFoundException(String contentId) {
		super("No content with id '" + contentId + "'");
	}

}
