package io.voucher.domain.content;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/**
 * Stores sealed content keys.
 */
public interface StoredContentKeyRepository extends JpaRepository<StoredContentKey, UUID> {

	List<StoredContentKey> findByContentRowIdOrderByCreatedAt(UUID contentRowId);

	List<StoredContentKey> findByContentRowIdAndRetiredAtIsNull(UUID contentRowId);

	/**
	 * The active keys of a provider's content, found by the content's id in one query
	 * (the license path reads them on every request).
	 * @param providerId the provider
	 * @param contentId the content's id
	 * @return its active keys; empty when the content has none or does not exist
	 */
	@Query("SELECT k FROM StoredContentKey k, Content c WHERE k.contentRowId = c.id AND c.providerId = :providerId "
			+ "AND c.contentId = :contentId AND k.retiredAt IS NULL")
	List<StoredContentKey> findActiveByProviderIdAndContentId(UUID providerId, String contentId);

	Optional<StoredContentKey> findByProviderIdAndKeyId(UUID providerId, byte[] keyId);

	boolean existsByProviderIdAndKeyId(UUID providerId, byte[] keyId);

}
