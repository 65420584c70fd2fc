package io.voucher.domain.content;

import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/**
 * Stores content; every query is scoped to one provider.
 */
public interface ContentRepository extends JpaRepository<Content, UUID> {

	Optional<Content> findByProviderIdAndContentId(UUID providerId, String contentId);

	Page<Content> findByProviderId(UUID providerId, Pageable pageable);

	/**
	 * Finds a provider's content whose id or name contains a text, ignoring case.
	 * @param providerId the provider
	 * @param pattern a LIKE pattern in lower case, its wildcards escaped with {@code \\}
	 * @param pageable the page
	 * @return one page
	 */
	@Query("SELECT c FROM Content c WHERE c.providerId = :providerId AND (lower(c.contentId) LIKE :pattern ESCAPE '\\' "
			+ "OR lower(c.name) LIKE :pattern ESCAPE '\\')")
	Page<Content> search(UUID providerId, String pattern, Pageable pageable);

	/**
	 * Finds content to change its keys, holding a share lock on its row: key changes and
	 * the content's deletion (which locks the row for update first) then take their locks
	 * in the same order and cannot deadlock.
	 * @param providerId the provider
	 * @param contentId the content's id
	 * @return the content, locked, or empty
	 */
	@Lock(LockModeType.PESSIMISTIC_READ)
	@Query("SELECT c FROM Content c WHERE c.providerId = :providerId AND c.contentId = :contentId")
	Optional<Content> findForKeyChange(UUID providerId, String contentId);

}
