package io.voucher.domain.content;

import java.time.Instant;
import java.util.UUID;

import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.TrackType;
import org.jspecify.annotations.Nullable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A content key as stored: its key id in clear, the key itself sealed under the key
 * encryption key with the key's identity as associated data. A retired key is no longer
 * put in new licenses but still opens for licenses issued with it.
 */
@Entity
@Table(name = "content_key")
public class StoredContentKey {

	@Id
	private UUID id;

	@Column(name = "provider_id", nullable = false, updatable = false)
	private UUID providerId;

	@Column(name = "content_row_id", nullable = false, updatable = false)
	private UUID contentRowId;

	@Enumerated(EnumType.STRING)
	@Column(name = "track_type", nullable = false, updatable = false)
	private TrackType trackType;

	@Column(name = "key_id", nullable = false, updatable = false)
	private byte[] keyId;

	@Column(name = "sealed_key", nullable = false, updatable = false)
	private byte[] sealedKey;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false, updatable = false)
	private KeySource source;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "retired_at")
	private @Nullable Instant retiredAt;

	protected StoredContentKey() {
	}

	StoredContentKey(UUID providerId, UUID contentRowId, TrackType trackType, KeyId keyId, byte[] sealedKey,
			KeySource source, Instant createdAt) {
		this.id = UUID.randomUUID();
		this.providerId = providerId;
		this.contentRowId = contentRowId;
		this.trackType = trackType;
		this.keyId = keyId.bytes();
		this.sealedKey = sealedKey.clone();
		this.source = source;
		this.createdAt = createdAt;
	}

	/**
	 * The identity a key is sealed with: opening it under another identity fails, so a
	 * sealed key copied to another row is useless.
	 */
	static String sealingIdentity(UUID providerId, KeyId keyId) {
		return "content-key:" + providerId + ":" + keyId.toBase64Url();
	}

	void retire(Instant now) {
		if (this.retiredAt == null) {
			this.retiredAt = now;
		}
	}

	byte[] sealedKey() {
		return this.sealedKey.clone();
	}

	public UUID providerId() {
		return this.providerId;
	}

	public UUID contentRowId() {
		return this.contentRowId;
	}

	public TrackType trackType() {
		return this.trackType;
	}

	public KeyId keyId() {
		return new KeyId(this.keyId);
	}

	public KeySource source() {
		return this.source;
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	public @Nullable Instant retiredAt() {
		return this.retiredAt;
	}

	public boolean isActive() {
		return this.retiredAt == null;
	}

	@Override
	public String toString() {
		return "StoredContentKey[" + this.trackType + ", " + keyId() + "]";
	}

}
