package io.voucher.api.web;

import org.jspecify.annotations.Nullable;

/**
 * The {@code q} parameter of the lists that can be searched: trimmed, blank meaning no
 * search, and of a bounded length so that a search stays a cheap query.
 */
public final class SearchParameter {

	/** The longest search text a list accepts. */
	public static final int MAX_LENGTH = 200;

	/** The OpenAPI description every list shares for {@code q}, before its own fields. */
	public static final String DESCRIPTION = "Search (case-insensitive, at most 200 characters): ";

	private SearchParameter() {
	}

	/**
	 * Reads the search text.
	 * @param q the parameter as sent
	 * @return the text to search for, or {@code null} when there is none
	 * @throws ApiException {@code VALIDATION_FAILED} when it is longer than
	 * {@link #MAX_LENGTH}
	 */
	public static @Nullable String of(@Nullable String q) {
		if (q == null || q.isBlank()) {
			return null;
		}
		String text = q.strip();
		if (text.length() > MAX_LENGTH) {
			throw new ApiException(ProblemCode.VALIDATION_FAILED, "q must be at most " + MAX_LENGTH + " characters");
		}
		return text;
	}

}
