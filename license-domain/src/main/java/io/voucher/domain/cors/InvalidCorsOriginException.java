package io.voucher.domain.cors;

import org.jspecify.annotations.Nullable;

/**
 * A text is not a browser origin that may be allowed for CORS.
 */
public class InvalidCorsOriginException extends IllegalArgumentException {

	private final @Nullable String origin;

	public InvalidCorsOriginException(@Nullable String origin, String reason) {
		super("'" + abbreviate(origin) + "' " + reason);
		this.origin = origin;
	}

	/**
	 * Returns the refused text.
	 * @return the text, or {@code null} when none was given
	 */
	public @Nullable String origin() {
		return this.origin;
	}

	private static String abbreviate(@Nullable String text) {
		if (text == null) {
			return "";
		}
		return (text.length() > 80) ? text.substring(0, 80) + "…" : text;
	}

}
