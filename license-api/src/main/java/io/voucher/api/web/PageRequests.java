package io.voucher.api.web;

import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;

/**
 * Turns the {@code page}, {@code size} and {@code sort} query parameters shared by every
 * list into a page request, refusing what a list does not support.
 */
public final class PageRequests {

	/** Page size when none is asked for. */
	public static final int DEFAULT_SIZE = 20;

	/** Largest page size. */
	public static final int MAX_SIZE = 200;

	/** Largest offset (page × size) of a page. */
	public static final int MAX_OFFSET = Integer.MAX_VALUE - MAX_SIZE;

	private PageRequests() {
	}

	/**
	 * Builds a page request.
	 * @param page the page index, from 0, with {@code page × size} at most
	 * {@link #MAX_OFFSET}
	 * @param size the page size, 1 to {@link #MAX_SIZE}
	 * @param sort {@code field} or {@code field,asc|desc}; {@code null} for the default
	 * @param sortable the API field names this list sorts by, mapped to entity properties
	 * @param defaultSort the sort when none is asked for
	 * @return the page request
	 * @throws ApiException with {@link ProblemCode#INVALID_PAGE_REQUEST} if invalid
	 */
	public static Pageable of(int page, int size, @Nullable String sort, Map<String, String> sortable,
			Sort defaultSort) {
		if (page < 0) {
			throw invalid("page must be 0 or more");
		}
		if (size < 1 || size > MAX_SIZE) {
			throw invalid("size must be between 1 and " + MAX_SIZE);
		}
		// The database takes the offset (page × size) as a 32-bit int: a page further
		// than
		// that can hold nothing, and would overflow on the way there.
		if ((long) page * size > MAX_OFFSET) {
			throw invalid("page × size must not exceed " + MAX_OFFSET);
		}
		if (sort == null || sort.isBlank()) {
			return PageRequest.of(page, size, defaultSort);
		}
		String[] parts = sort.split(",", -1);
		String property = sortable.get(parts[0].trim());
		if (property == null || parts.length > 2) {
			throw invalid("sort must be one of " + sortable.keySet() + ", optionally followed by ',asc' or ',desc'");
		}
		Sort.Direction direction = Sort.Direction.ASC;
		if (parts.length == 2) {
			String asked = parts[1].trim().toLowerCase(Locale.ROOT);
			if (!asked.equals("asc") && !asked.equals("desc")) {
				throw invalid("sort direction must be 'asc' or 'desc'");
			}
			direction = asked.equals("desc") ? Sort.Direction.DESC : Sort.Direction.ASC;
		}
		return PageRequest.of(page, size, Sort.by(direction, property));
	}

	private static ApiException invalid(String message) {
		return new ApiException(ProblemCode.INVALID_PAGE_REQUEST, message);
	}

}
