package io.voucher.domain.provider;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * An API credential of a provider's backend. Only the SHA-256 of its secret is stored;
 * the secret itself is shown once, when it is created.
 */
@Entity
@Table(name = "provider_credential")
public class ProviderCredential {

	@Id
	private UUID id;

	@Column(name = "provider_id", nullable = false, updatable = false)
	private UUID providerId;

	@Column(nullable = false, unique = true, updatable = false)
	private String prefix;

	@Column(name = "secret_hash", nullable = false, updatable = false)
	private byte[] secretHash;

	@Column(nullable = false)
	private String label;

	@Column(name = "key_export", nullable = false, updatable = false)
	private boolean keyExport;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "expires_at")
	private @Nullable Instant expiresAt;

	@Column(name = "revoked_at")
	private @Nullable Instant revokedAt;

	@Column(name = "last_used_at")
	private @Nullable Instant lastUsedAt;

	protected ProviderCredential() {
	}

	ProviderCredential(UUID providerId, String prefix, byte[] secretHash, String label, boolean keyExport,
			Instant createdAt) {
		this.id = UUID.randomUUID();
		this.providerId = providerId;
		this.prefix = prefix;
		this.secretHash = secretHash.clone();
		this.label = label;
		this.keyExport = keyExport;
		this.createdAt = createdAt;
	}

	/**
	 * Tells whether the credential may be used at the given time.
	 * @param now the time
	 * @return whether it is neither revoked nor expired
	 */
	public boolean isActive(Instant now) {
		return this.revokedAt == null && (this.expiresAt == null || now.isBefore(this.expiresAt));
	}

	void expireAt(Instant expiresAt) {
		if (this.expiresAt == null || expiresAt.isBefore(this.expiresAt)) {
			this.expiresAt = expiresAt;
		}
	}

	void revoke(Instant now) {
		if (this.revokedAt == null) {
			this.revokedAt = now;
		}
	}

	byte[] secretHash() {
		return this.secretHash.clone();
	}

	public UUID id() {
		return this.id;
	}

	public UUID providerId() {
		return this.providerId;
	}

	/**
	 * Returns the public prefix that identifies the credential (safe to show and log).
	 * @return the prefix
	 */
	public String prefix() {
		return this.prefix;
	}

	public String label() {
		return this.label;
	}

	/**
	 * Tells whether this credential may export content keys in clear (for packagers).
	 * @return whether key export is allowed
	 */
	public boolean keyExport() {
		return this.keyExport;
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	public @Nullable Instant expiresAt() {
		return this.expiresAt;
	}

	public @Nullable Instant revokedAt() {
		return this.revokedAt;
	}

	public @Nullable Instant lastUsedAt() {
		return this.lastUsedAt;
	}

	void usedAt(Instant now) {
		this.lastUsedAt = now;
	}

	@Override
	public String toString() {
		return "ProviderCredential[" + this.prefix + "]";
	}

}
