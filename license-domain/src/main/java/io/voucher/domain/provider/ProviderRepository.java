package io.voucher.domain.provider;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Stores providers.
 */
public interface ProviderRepository extends JpaRepository<Provider, UUID> {

	Optional<Provider> findByName(String name);

}
