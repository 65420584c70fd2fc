package io.voucher.api.license;

import java.util.List;

import io.voucher.api.security.ProviderPrincipal;
import io.voucher.crypto.pki.SecurityLevel;
import io.voucher.crypto.voucher.KeyId;
import io.voucher.domain.license.IssuedLicense;

import org.springframework.stereotype.Service;

/**
 * Answers a license message with the online license service's semantics on behalf of a
 * caller that is not a license proxy: a device presenting a provider's entitlement token.
 * The caller builds the message from what it verified and adds its own checks as a
 * {@link LicenseGate}.
 */
@Service
public class DirectLicenses {

	private final OnlineLicenseService licenses;

	DirectLicenses(OnlineLicenseService licenses) {
		this.licenses = licenses;
	}

	/**
	 * Answers a license message for a provider.
	 * @param message the message, built by the caller
	 * @param provider the provider the license is issued for
	 * @param gate the caller's checks; its exceptions propagate, license-level refusals
	 * are answered in the response's status
	 * @return the license response
	 */
	public LicenseResponse handle(LicenseMessage message, ProviderPrincipal provider, LicenseGate gate) {
		return this.licenses.handle(message, provider, gate);
	}

	/**
	 * Resolves a license message's policy and picks keys for a client that is not a
	 * Voucher device, with the online path's rules (track types, per-track security
	 * level); requested keys the contents do not have are left out.
	 * @param message the policy part of a license message
	 * @param provider the provider
	 * @param contentIds the contents whose keys may be granted, in order
	 * @param keyIds the requested key ids
	 * @param clientLevel the client's security level
	 * @return the policy and the keys granted
	 * @throws LicenseRefusal for an unknown or invalid policy
	 */
	public KeySelection grantKeys(LicenseMessage message, ProviderPrincipal provider, List<String> contentIds,
			List<KeyId> keyIds, SecurityLevel clientLevel) {
		return this.licenses.grantKeys(message, provider, contentIds, keyIds, clientLevel);
	}

	/**
	 * Records a license answer and its audit event as the online path does, in one
	 * transaction.
	 * @param record the answer
	 */
	public void record(IssuedLicense record) {
		this.licenses.record(record, () -> {
		});
	}

}
