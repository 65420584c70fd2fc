package io.voucher.api.web;

import java.util.List;
import java.util.function.Function;

import io.swagger.v3.oas.annotations.media.Schema;

import org.springframework.data.domain.Page;

/**
 * One page of a list, the same shape for every list of the API.
 *
 * @param <T> the item type
 * @param items the items on this page
 * @param page where this page is in the whole list
 */
public record PageResponse<T>(List<T> items, PageMetadata page) {

	/**
	 * Maps a page of entities to a page of API items.
	 * @param <E> the entity type
	 * @param <T> the item type
	 * @param page the page
	 * @param mapper the mapping of one entity
	 * @return the page response
	 */
	public static <E, T> PageResponse<T> of(Page<E> page, Function<E, T> mapper) {
		return new PageResponse<>(page.getContent().stream().map(mapper).toList(),
				new PageMetadata(page.getNumber(), page.getSize(), page.getTotalElements(), page.getTotalPages()));
	}

	/**
	 * Where a page is in the whole list.
	 *
	 * @param number the page's index, from 0
	 * @param size the page size asked for
	 * @param totalElements the number of items in the whole list
	 * @param totalPages the number of pages
	 */
	@Schema(name = "PageMetadata")
	public record PageMetadata(int number, int size, long totalElements, int totalPages) {

	}

}
