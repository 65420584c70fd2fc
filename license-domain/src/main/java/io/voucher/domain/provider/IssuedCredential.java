package io.voucher.domain.provider;

/**
 * A credential just created, with the token the provider's backend will send. The token
 * is shown once and never stored; {@link #toString()} never prints it.
 *
 * @param credential the stored credential
 * @param token the bearer token, {@code vch_<prefix>_<secret>}
 */
public record IssuedCredential(ProviderCredential credential, String token) {

	@Override
	public String toString() {
		return "IssuedCredential[" + this.credential.prefix() + "]";
	}

}
