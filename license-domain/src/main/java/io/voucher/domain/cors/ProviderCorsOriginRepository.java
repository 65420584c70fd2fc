package io.voucher.domain.cors;

import java.util.List;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

/**
 * Stores the providers' CORS origins.
 */
interface ProviderCorsOriginRepository extends JpaRepository<ProviderCorsOrigin, UUID> {

	@Query("select o.origin from ProviderCorsOrigin o where o.providerId = ?1 order by o.origin")
	List<String> findOriginsByProviderId(UUID providerId);

	@Query("select distinct o.origin from ProviderCorsOrigin o")
	List<String> findAllDistinctOrigins();

	/** Each provider's name with one of its origins. */
	@Query("select p.name, o.origin from ProviderCorsOrigin o, Provider p where p.id = o.providerId")
	List<Object[]> findAllByProviderName();

	@Modifying(flushAutomatically = true, clearAutomatically = true)
	@Query("delete from ProviderCorsOrigin o where o.providerId = ?1")
	int deleteByProviderId(UUID providerId);

}
