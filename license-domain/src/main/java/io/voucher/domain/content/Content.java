package io.voucher.domain.content;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A piece of content of one provider; its keys are {@link StoredContentKey} rows.
 */
@Entity
@Table(name = "content")
public class Content {

	@Id
	private UUID id;

	@Column(name = "provider_id", nullable = false, updatable = false)
	private UUID providerId;

	@Column(name = "content_id", nullable = false, updatable = false)
	private String contentId;

	@Column
	private @Nullable String name;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Version
	private long version;

	protected Content() {
	}

	Content(UUID providerId, ContentId contentId, @Nullable String name, Instant createdAt) {
		this.id = UUID.randomUUID();
		this.providerId = providerId;
		this.contentId = contentId.value();
		this.name = name;
		this.createdAt = createdAt;
	}

	public UUID id() {
		return this.id;
	}

	public UUID providerId() {
		return this.providerId;
	}

	public String contentId() {
		return this.contentId;
	}

	public @Nullable String name() {
		return this.name;
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	@Override
	public String toString() {
		return "Content[" + this.contentId + "]";
	}

}
