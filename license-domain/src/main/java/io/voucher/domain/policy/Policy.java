package io.voucher.domain.policy;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A named policy of one provider. Its {@link #revision()} grows by one with every change,
 * so that a license can name the exact policy it was issued under.
 */
@Entity
@Table(name = "policy")
public class Policy {

	@Id
	private UUID id;

	@Column(name = "provider_id", nullable = false, updatable = false)
	private UUID providerId;

	@Column(nullable = false, updatable = false)
	private String name;

	@Version
	@Column(nullable = false)
	private long revision;

	@Column(name = "can_play", nullable = false)
	private boolean canPlay;

	@Column(name = "can_persist", nullable = false)
	private boolean canPersist;

	@Column(name = "can_renew", nullable = false)
	private boolean canRenew;

	@Column(name = "license_duration_seconds", nullable = false)
	private long licenseDurationSeconds;

	@Column(name = "rental_duration_seconds", nullable = false)
	private long rentalDurationSeconds;

	@Column(name = "playback_duration_seconds", nullable = false)
	private long playbackDurationSeconds;

	@Column(name = "renewal_server_url")
	private @Nullable String renewalServerUrl;

	@Column(name = "renewal_delay_seconds", nullable = false)
	private long renewalDelaySeconds;

	@Column(name = "renewal_retry_interval_seconds", nullable = false)
	private long renewalRetryIntervalSeconds;

	@Column(name = "renewal_recovery_duration_seconds", nullable = false)
	private long renewalRecoveryDurationSeconds;

	@Column(name = "renew_with_usage", nullable = false)
	private boolean renewWithUsage;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "updated_at", nullable = false)
	private Instant updatedAt;

	protected Policy() {
	}

	/**
	 * Creates a policy.
	 * @param providerId the owning provider
	 * @param name the policy's name, unique per provider
	 * @param settings the policy's settings
	 * @param now creation time
	 */
	public Policy(UUID providerId, PolicyName name, PlaybackPolicy settings, Instant now) {
		this.id = UUID.randomUUID();
		this.providerId = providerId;
		this.name = name.value();
		this.createdAt = now;
		apply(settings, now);
	}

	/**
	 * Replaces the policy's settings; the revision grows when the change is saved.
	 * @param settings the new settings
	 * @param now time of the change
	 */
	public void update(PlaybackPolicy settings, Instant now) {
		apply(settings, now);
	}

	private void apply(PlaybackPolicy settings, Instant now) {
		this.canPlay = settings.canPlay();
		this.canPersist = settings.canPersist();
		this.canRenew = settings.canRenew();
		this.licenseDurationSeconds = settings.licenseDurationSeconds();
		this.rentalDurationSeconds = settings.rentalDurationSeconds();
		this.playbackDurationSeconds = settings.playbackDurationSeconds();
		URI url = settings.renewalServerUrl();
		this.renewalServerUrl = (url != null) ? url.toString() : null;
		this.renewalDelaySeconds = settings.renewalDelaySeconds();
		this.renewalRetryIntervalSeconds = settings.renewalRetryIntervalSeconds();
		this.renewalRecoveryDurationSeconds = settings.renewalRecoveryDurationSeconds();
		this.renewWithUsage = settings.renewWithUsage();
		this.updatedAt = now;
	}

	/**
	 * Returns the policy's settings.
	 * @return the settings
	 */
	public PlaybackPolicy settings() {
		return new PlaybackPolicy(this.canPlay, this.canPersist, this.canRenew, this.licenseDurationSeconds,
				this.rentalDurationSeconds, this.playbackDurationSeconds,
				(this.renewalServerUrl != null) ? URI.create(this.renewalServerUrl) : null, this.renewalDelaySeconds,
				this.renewalRetryIntervalSeconds, this.renewalRecoveryDurationSeconds, this.renewWithUsage);
	}

	public UUID id() {
		return this.id;
	}

	public UUID providerId() {
		return this.providerId;
	}

	public String name() {
		return this.name;
	}

	public long revision() {
		return this.revision;
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	public Instant updatedAt() {
		return this.updatedAt;
	}

	@Override
	public String toString() {
		return "Policy[" + this.name + " r" + this.revision + "]";
	}

}
