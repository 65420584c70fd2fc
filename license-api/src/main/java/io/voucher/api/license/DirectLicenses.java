package io.voucher.api.license;

import io.voucher.api.security.ProviderPrincipal;

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

}
