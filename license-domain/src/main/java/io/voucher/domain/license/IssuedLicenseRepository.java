package io.voucher.domain.license;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;

/**
 * Stores license records.
 */
public interface IssuedLicenseRepository
		extends JpaRepository<IssuedLicense, UUID>, JpaSpecificationExecutor<IssuedLicense> {

	/**
	 * Finds the latest record of a license of a provider.
	 * @param providerId the provider
	 * @param licenseId the license id
	 * @return the record with the highest counter
	 */
	Optional<IssuedLicense> findFirstByProviderIdAndLicenseIdOrderByLicenseCounterDesc(UUID providerId,
			String licenseId);

	long countByProviderId(UUID providerId);

}
