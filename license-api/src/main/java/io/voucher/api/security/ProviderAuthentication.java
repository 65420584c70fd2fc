package io.voucher.api.security;

import java.util.List;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The authentication of a provider backend. It carries no credential once authenticated.
 */
public final class ProviderAuthentication extends AbstractAuthenticationToken {

	static final String ROLE = "ROLE_PROVIDER";

	/** The authority of a credential allowed to export content keys in clear. */
	public static final String KEY_EXPORT = "KEY_EXPORT";

	private final ProviderPrincipal principal;

	private final String credentialPrefix;

	ProviderAuthentication(ProviderPrincipal principal, String credentialPrefix, boolean keyExport) {
		super(keyExport ? List.of(new SimpleGrantedAuthority(ROLE), new SimpleGrantedAuthority(KEY_EXPORT))
				: List.of(new SimpleGrantedAuthority(ROLE)));
		this.principal = principal;
		this.credentialPrefix = credentialPrefix;
		setAuthenticated(true);
	}

	/**
	 * Returns the name the credential is known by: its provider and public prefix.
	 * @return the name
	 */
	@Override
	public String getName() {
		return this.principal.providerName() + "/" + this.credentialPrefix;
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
