package io.voucher.api.security;

import io.voucher.api.web.ApiException;
import io.voucher.api.web.ProblemCode;
import io.voucher.domain.provider.Provider;
import io.voucher.domain.provider.ProviderNotFoundException;
import io.voucher.domain.provider.ProviderService;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Decides which provider's data a request acts on: a provider backend always acts for its
 * own provider; an admin user names the provider with the {@code provider} parameter.
 */
@Component
public class ProviderScope {

	private final ProviderService providers;

	ProviderScope(ProviderService providers) {
		this.providers = providers;
	}

	/**
	 * Resolves the provider a request acts for.
	 * @param authentication the caller
	 * @param provider the {@code provider} parameter, if given
	 * @return the provider
	 * @throws ApiException with {@code PROVIDER_REQUIRED} when an admin names none
	 * @throws ProviderNotFoundException when the named provider does not exist, or is not
	 * the calling backend's own
	 */
	public ProviderPrincipal resolve(Authentication authentication, @Nullable String provider) {
		if (authentication.getPrincipal() instanceof ProviderPrincipal own) {
			if (provider != null && !provider.equals(own.providerName())) {
				// Another provider's data does not exist for this caller.
				throw new ProviderNotFoundException(provider);
			}
			return own;
		}
		if (provider == null || provider.isBlank()) {
			throw new ApiException(ProblemCode.PROVIDER_REQUIRED,
					"An admin user must name the provider to act for with the 'provider' parameter.");
		}
		Provider found = this.providers.get(provider);
		return new ProviderPrincipal(found.id(), found.name());
	}

}
