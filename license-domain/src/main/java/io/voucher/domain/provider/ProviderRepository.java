package io.voucher.domain.provider;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Stores providers.
 */
public interface ProviderRepository extends JpaRepository<Provider, UUID> {

	Optional<Provider> findByName(String name);

	Page<Provider> findByNameContainingIgnoreCaseOrDisplayNameContainingIgnoreCase(String name, String displayName,
			Pageable pageable);

}
