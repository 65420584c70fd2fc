package io.voucher.domain.content;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Stores sealed content keys.
 */
public interface StoredContentKeyRepository extends JpaRepository<StoredContentKey, UUID> {

	List<StoredContentKey> findByContentRowIdOrderByCreatedAt(UUID contentRowId);

	List<StoredContentKey> findByContentRowIdAndRetiredAtIsNull(UUID contentRowId);

	Optional<StoredContentKey> findByProviderIdAndKeyId(UUID providerId, byte[] keyId);

	boolean existsByProviderIdAndKeyId(UUID providerId, byte[] keyId);

}
