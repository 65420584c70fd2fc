package io.voucher.domain.cors;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One origin a provider allows to call the device API from a browser.
 */
@Entity
@Table(name = "provider_cors_origin")
class ProviderCorsOrigin {

	@Id
	private UUID id;

	@Column(name = "provider_id", nullable = false, updatable = false)
	private UUID providerId;

	@Column(nullable = false, updatable = false)
	private String origin;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	protected ProviderCorsOrigin() {
	}

	ProviderCorsOrigin(UUID providerId, CorsOrigin origin, Instant createdAt) {
		this.id = UUID.randomUUID();
		this.providerId = Objects.requireNonNull(providerId);
		this.origin = origin.value();
		this.createdAt = Objects.requireNonNull(createdAt);
	}

	CorsOrigin origin() {
		return new CorsOrigin(this.origin);
	}

}
