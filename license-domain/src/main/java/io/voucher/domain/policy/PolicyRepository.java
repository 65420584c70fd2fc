package io.voucher.domain.policy;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/**
 * Stores policies; every query is scoped to one provider.
 */
public interface PolicyRepository extends JpaRepository<Policy, UUID> {

	/**
	 * Finds a provider's policy with its track requirements, in one query (the license
	 * path reads it on every request).
	 * @param providerId the provider
	 * @param name the policy's name
	 * @return the policy
	 */
	@EntityGraph(attributePaths = "trackRequirements")
	Optional<Policy> findByProviderIdAndName(UUID providerId, String name);

	Page<Policy> findByProviderId(UUID providerId, Pageable pageable);

	Page<Policy> findByProviderIdAndNameContainingIgnoreCase(UUID providerId, String name, Pageable pageable);

	boolean existsByProviderIdAndName(UUID providerId, String name);

	@Query(value = "SELECT EXISTS (SELECT 1 FROM entitlement WHERE provider_id = :providerId "
			+ "AND policy_name = :name AND withdrawn_at IS NULL)", nativeQuery = true)
	boolean isNamedByLiveEntitlements(UUID providerId, String name);

}
