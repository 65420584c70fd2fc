package io.voucher.domain.provider;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Providers and their API credentials: create, list, rotate with a grace period, revoke,
 * and authenticate a bearer token.
 */
@Service
public class ProviderService {

	private final ProviderRepository providers;

	private final ProviderCredentialRepository credentials;

	private final Clock clock;

	public ProviderService(ProviderRepository providers, ProviderCredentialRepository credentials, Clock clock) {
		this.providers = providers;
		this.credentials = credentials;
		this.clock = clock;
	}

	/**
	 * Creates a provider.
	 * @param name its stable name
	 * @param displayName its human-readable name
	 * @return the provider
	 * @throws ProviderAlreadyExistsException if the name is taken
	 */
	@Transactional
	public Provider create(String name, String displayName) {
		if (this.providers.findByName(name).isPresent()) {
			throw new ProviderAlreadyExistsException(name);
		}
		try {
			return this.providers.saveAndFlush(new Provider(name, displayName, this.clock.instant()));
		}
		catch (DataIntegrityViolationException ex) {
			throw new ProviderAlreadyExistsException(name);
		}
	}

	@Transactional(readOnly = true)
	public Provider get(String name) {
		return this.providers.findByName(name).orElseThrow(() -> new ProviderNotFoundException(name));
	}

	@Transactional(readOnly = true)
	public Page<Provider> list(Pageable pageable) {
		return this.providers.findAll(pageable);
	}

	/**
	 * Lists the providers whose name or display name contains a text, ignoring case.
	 * @param search the text; {@code null} or blank lists them all
	 * @param pageable the page
	 * @return one page
	 */
	@Transactional(readOnly = true)
	public Page<Provider> list(@Nullable String search, Pageable pageable) {
		if (search == null || search.isBlank()) {
			return list(pageable);
		}
		String text = search.strip();
		return this.providers.findByNameContainingIgnoreCaseOrDisplayNameContainingIgnoreCase(text, text, pageable);
	}

	/**
	 * The names of providers by their ids; ids of no provider are left out.
	 * @param ids the providers' ids
	 * @return name by id
	 */
	@Transactional(readOnly = true)
	public Map<UUID, String> names(Collection<UUID> ids) {
		Map<UUID, String> names = new HashMap<>();
		this.providers.findAllById(ids).forEach((provider) -> names.put(provider.id(), provider.name()));
		return names;
	}

	/**
	 * Changes a provider's display name, or disables or enables it. Disabling keeps every
	 * credential, content, policy, entitlement and registration as it is; enabling again
	 * restores the provider as it was.
	 * @param name the provider
	 * @param displayName the new display name, or {@code null} to keep it
	 * @param disabled whether it is to be disabled, or {@code null} to keep its state
	 * @return what changed
	 * @throws ProviderNotFoundException if there is no such provider
	 * @throws IllegalArgumentException if the display name is invalid
	 */
	@Transactional
	public ProviderChange update(String name, @Nullable String displayName, @Nullable Boolean disabled) {
		Provider provider = get(name);
		boolean renamed = displayName != null && !displayName.equals(provider.displayName());
		if (renamed) {
			provider.rename(displayName);
		}
		boolean wasDisabled = provider.isDisabled();
		if (Boolean.TRUE.equals(disabled)) {
			// PostgreSQL keeps microseconds: the answer shows what a later read shows.
			provider.disable(this.clock.instant().truncatedTo(ChronoUnit.MICROS));
		}
		else if (Boolean.FALSE.equals(disabled)) {
			provider.enable();
		}
		Provider saved = this.providers.saveAndFlush(provider);
		return new ProviderChange(saved, renamed, wasDisabled != saved.isDisabled());
	}

	/**
	 * Creates a credential for a provider, without key export.
	 * @param providerName the provider
	 * @param label what the credential is for, e.g. the backend's name
	 * @return the credential and its token, shown once
	 */
	@Transactional
	public IssuedCredential createCredential(String providerName, String label) {
		return createCredential(providerName, label, false);
	}

	/**
	 * Creates a credential for a provider.
	 * @param providerName the provider
	 * @param label what the credential is for, e.g. the backend's name
	 * @param keyExport whether it may export content keys in clear (packagers only)
	 * @return the credential and its token, shown once
	 */
	@Transactional
	public IssuedCredential createCredential(String providerName, String label, boolean keyExport) {
		Provider provider = get(providerName);
		String prefix = CredentialToken.newPrefix();
		String secret = CredentialToken.newSecret();
		ProviderCredential credential = this.credentials.saveAndFlush(new ProviderCredential(provider.id(), prefix,
				CredentialToken.hash(secret), label, keyExport, this.clock.instant()));
		return new IssuedCredential(credential, CredentialToken.token(prefix, secret));
	}

	/**
	 * Replaces a credential by a new one; the old one keeps working for the grace period.
	 * @param providerName the provider
	 * @param prefix the credential to rotate
	 * @param grace how long the old credential stays valid
	 * @return the new credential and its token
	 */
	@Transactional
	public IssuedCredential rotateCredential(String providerName, String prefix, Duration grace) {
		ProviderCredential old = credential(providerName, prefix);
		old.expireAt(this.clock.instant().plus(grace));
		return createCredential(providerName, old.label(), old.keyExport());
	}

	/**
	 * Revokes a credential at once.
	 * @param providerName the provider
	 * @param prefix the credential
	 */
	@Transactional
	public void revokeCredential(String providerName, String prefix) {
		credential(providerName, prefix).revoke(this.clock.instant());
	}

	@Transactional(readOnly = true)
	public List<ProviderCredential> credentials(String providerName) {
		return this.credentials.findByProviderIdOrderByCreatedAt(get(providerName).id());
	}

	/**
	 * Finds the credential and provider a bearer token belongs to, if the token is a
	 * valid, active credential. The secret is compared in constant time. The provider may
	 * be disabled ({@link Provider#isDisabled()}): the caller refuses it then, with an
	 * answer of its own, since the secret was right.
	 * @param token the bearer token
	 * @return the credential and its provider, or empty
	 */
	@Transactional
	public Optional<AuthenticatedCredential> authenticate(String token) {
		Optional<String[]> parts = CredentialToken.parse(token);
		if (parts.isEmpty()) {
			return Optional.empty();
		}
		Instant now = this.clock.instant();
		Optional<ProviderCredential> credential = this.credentials.findByPrefix(parts.get()[0]);
		if (credential.isEmpty() || !credential.get().isActive(now)
				|| !MessageDigest.isEqual(credential.get().secretHash(), CredentialToken.hash(parts.get()[1]))) {
			return Optional.empty();
		}
		ProviderCredential found = credential.get();
		if (found.lastUsedAt() == null || found.lastUsedAt().isBefore(now.minusSeconds(60))) {
			found.usedAt(now);
		}
		return this.providers.findById(found.providerId())
			.map((provider) -> new AuthenticatedCredential(provider, found.prefix(), found.keyExport()));
	}

	private ProviderCredential credential(String providerName, String prefix) {
		UUID providerId = get(providerName).id();
		return this.credentials.findByPrefix(prefix)
			.filter((credential) -> credential.providerId().equals(providerId))
			.orElseThrow(() -> new CredentialNotFoundException(prefix));
	}

}
