package io.voucher.api.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The authentication of a provider backend. It carries no credential once authenticated.
 */
final class ProviderAuthentication extends AbstractAuthenticationToken {

	static final String ROLE = "ROLE_PROVIDER";

	private final ProviderPrincipal principal;

	ProviderAuthentication(ProviderPrincipal principal) {
		super(List.of(new SimpleGrantedAuthority(ROLE)));
		this.principal = principal;
		setAuthenticated(true);
	}

	@Override
	public Object getCredentials() {
		return "";
	}

	@Override
	public ProviderPrincipal getPrincipal() {
		return this.principal;
	}

}
