package io.voucher.domain.content;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Stores content; every query is scoped to one provider.
 */
public interface ContentRepository extends JpaRepository<Content, UUID> {

	Optional<Content> findByProviderIdAndContentId(UUID providerId, String contentId);

	Page<Content> findByProviderId(UUID providerId, Pageable pageable);

}
