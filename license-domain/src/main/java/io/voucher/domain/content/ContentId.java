package io.voucher.domain.content;

import java.util.regex.Pattern;

/**
 * A provider's identifier of a piece of content, as the plain string it is everywhere but
 * in the license message (where it travels base64-encoded): 1 to 200 characters of
 * letters, digits and {@code . _ : ~ + = @ -}.
 *
 * @param value the identifier
 */
public record ContentId(String value) {

	private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._:~+=@-]{1,200}");

	public ContentId {
		if (!FORMAT.matcher(value).matches()) {
			throw new InvalidContentException("content_id",
					"must be 1-200 characters of letters, digits and . _ : ~ + = @ -");
		}
	}

	@Override
	public String toString() {
		return this.value;
	}

}
