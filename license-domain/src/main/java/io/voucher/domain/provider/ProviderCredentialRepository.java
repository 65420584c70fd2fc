package io.voucher.domain.provider;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;

/**
 * Stores provider credentials.
 */
public interface ProviderCredentialRepository extends JpaRepository<ProviderCredential, UUID> {

	Optional<ProviderCredential> findByPrefix(String prefix);

	List<ProviderCredential> findByProviderIdOrderByCreatedAt(UUID providerId);

}
