package io.voucher.domain.license;

import java.time.Instant;
import java.util.UUID;

import io.voucher.crypto.challenge.RequestType;
import io.voucher.crypto.voucher.LicenseType;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Persistable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;

/**
 * The record of one license answer: a new license, a renewal (same license id, next
 * counter) or a release. Written in the transaction that claims the challenge's nonce.
 */
@Entity
@Table(name = "issued_license")
public class IssuedLicense implements Persistable<UUID> {

	@Id
	private UUID id;

	/**
	 * Records are only ever inserted: telling Spring Data so makes {@code save} persist
	 * instead of merge, which would first select the (assigned) id.
	 */
	@Transient
	private boolean fresh = true;

	@Column(name = "license_id", nullable = false, updatable = false)
	private String licenseId;

	@Column(name = "license_counter", nullable = false, updatable = false)
	private int licenseCounter;

	@Column(name = "provider_id", nullable = false, updatable = false)
	private UUID providerId;

	@Column(name = "content_id", nullable = false, updatable = false)
	private String contentId;

	@Column(name = "device_fingerprint", nullable = false, updatable = false)
	private String deviceFingerprint;

	@Enumerated(EnumType.STRING)
	@Column(name = "license_type", nullable = false, updatable = false)
	private LicenseType licenseType;

	@Enumerated(EnumType.STRING)
	@Column(name = "request_type", nullable = false, updatable = false)
	private RequestType requestType;

	@Column(name = "policy_name", updatable = false)
	private @Nullable String policyName;

	@Column(name = "policy_revision", updatable = false)
	private @Nullable Long policyRevision;

	@Column(name = "policy_snapshot", nullable = false, updatable = false)
	private String policySnapshot;

	@Column(name = "can_renew", nullable = false, updatable = false)
	private boolean canRenew;

	@Column(name = "session_token", updatable = false)
	private @Nullable String sessionToken;

	@Column(name = "key_ids", nullable = false, updatable = false)
	private String keyIds;

	@Column(name = "issued_at", nullable = false, updatable = false)
	private Instant issuedAt;

	@Column(name = "expires_at", updatable = false)
	private @Nullable Instant expiresAt;

	protected IssuedLicense() {
	}

	private IssuedLicense(Builder builder) {
		this.id = UUID.randomUUID();
		this.licenseId = builder.licenseId;
		this.licenseCounter = builder.licenseCounter;
		this.providerId = builder.providerId;
		this.contentId = builder.contentId;
		this.deviceFingerprint = builder.deviceFingerprint;
		this.licenseType = builder.licenseType;
		this.requestType = builder.requestType;
		this.policyName = builder.policyName;
		this.policyRevision = builder.policyRevision;
		this.policySnapshot = builder.policySnapshot;
		this.canRenew = builder.canRenew;
		this.sessionToken = builder.sessionToken;
		this.keyIds = builder.keyIds;
		this.issuedAt = builder.issuedAt;
		this.expiresAt = builder.expiresAt;
	}

	@Override
	public UUID getId() {
		return this.id;
	}

	@Override
	public boolean isNew() {
		return this.fresh;
	}

	@PostLoad
	@PostPersist
	void stored() {
		this.fresh = false;
	}

	public static Builder builder() {
		return new Builder();
	}

	public UUID id() {
		return this.id;
	}

	public String licenseId() {
		return this.licenseId;
	}

	public int licenseCounter() {
		return this.licenseCounter;
	}

	public UUID providerId() {
		return this.providerId;
	}

	public String contentId() {
		return this.contentId;
	}

	public String deviceFingerprint() {
		return this.deviceFingerprint;
	}

	public LicenseType licenseType() {
		return this.licenseType;
	}

	public RequestType requestType() {
		return this.requestType;
	}

	public @Nullable String policyName() {
		return this.policyName;
	}

	public @Nullable Long policyRevision() {
		return this.policyRevision;
	}

	public String policySnapshot() {
		return this.policySnapshot;
	}

	public boolean canRenew() {
		return this.canRenew;
	}

	public @Nullable String sessionToken() {
		return this.sessionToken;
	}

	/**
	 * Returns the key ids carried, base64url, comma-separated.
	 * @return the key ids
	 */
	public String keyIds() {
		return this.keyIds;
	}

	public Instant issuedAt() {
		return this.issuedAt;
	}

	public @Nullable Instant expiresAt() {
		return this.expiresAt;
	}

	@Override
	public String toString() {
		return "IssuedLicense[" + this.licenseId + "#" + this.licenseCounter + ", " + this.requestType + "]";
	}

	/**
	 * Builds a license record; {@link #build()} refuses an incomplete one.
	 */
	public static final class Builder {

		private @Nullable String licenseId;

		private int licenseCounter;

		private @Nullable UUID providerId;

		private @Nullable String contentId;

		private @Nullable String deviceFingerprint;

		private LicenseType licenseType = LicenseType.STREAMING;

		private RequestType requestType = RequestType.NEW;

		private @Nullable String policyName;

		private @Nullable Long policyRevision;

		private String policySnapshot = "{}";

		private boolean canRenew;

		private @Nullable String sessionToken;

		private String keyIds = "";

		private @Nullable Instant issuedAt;

		private @Nullable Instant expiresAt;

		public Builder licenseId(String licenseId, int counter) {
			this.licenseId = licenseId;
			this.licenseCounter = counter;
			return this;
		}

		public Builder providerId(UUID providerId) {
			this.providerId = providerId;
			return this;
		}

		public Builder contentId(String contentId) {
			this.contentId = contentId;
			return this;
		}

		public Builder deviceFingerprint(String deviceFingerprint) {
			this.deviceFingerprint = deviceFingerprint;
			return this;
		}

		public Builder licenseType(LicenseType licenseType) {
			this.licenseType = licenseType;
			return this;
		}

		public Builder requestType(RequestType requestType) {
			this.requestType = requestType;
			return this;
		}

		public Builder policy(@Nullable String name, @Nullable Long revision, String snapshot, boolean canRenew) {
			this.policyName = name;
			this.policyRevision = revision;
			this.policySnapshot = snapshot;
			this.canRenew = canRenew;
			return this;
		}

		public Builder sessionToken(@Nullable String sessionToken) {
			this.sessionToken = sessionToken;
			return this;
		}

		public Builder keyIds(String keyIds) {
			this.keyIds = keyIds;
			return this;
		}

		public Builder window(Instant issuedAt, @Nullable Instant expiresAt) {
			this.issuedAt = issuedAt;
			this.expiresAt = expiresAt;
			return this;
		}

		public IssuedLicense build() {
			if (this.licenseId == null || this.providerId == null || this.contentId == null
					|| this.deviceFingerprint == null || this.issuedAt == null || this.licenseCounter < 1) {
				throw new IllegalStateException(
						"license id and counter, provider, content, device and issue time are required");
			}
			return new IssuedLicense(this);
		}

	}

}
