package io.voucher.domain.policy;

import java.net.URI;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import io.voucher.crypto.voucher.TrackType;

import org.jspecify.annotations.Nullable;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.EnumType;
import jakarta.persistence.FetchType;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.MapKeyEnumerated;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A named policy of one provider. Its {@link #revision()} grows by one with every change,
 * so that a license can name the exact policy it was issued under. Besides the license
 * template's policy fields it holds per-track requirements (security level, HDCP).
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

	@ElementCollection(fetch = FetchType.EAGER)
	@CollectionTable(name = "policy_track_requirement", joinColumns = @JoinColumn(name = "policy_id"))
	@MapKeyEnumerated(EnumType.STRING)
	@MapKeyColumn(name = "track_type")
	private Map<TrackType, TrackRequirement> trackRequirements = new EnumMap<>(TrackType.class);

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
	public Policy(UUID providerId, PolicyName name, PlaybackPolicy settings, Map<TrackType, TrackRequirement> tracks,
			Instant now) {
		this.id = UUID.randomUUID();
		this.providerId = providerId;
		this.name = name.value();
		this.createdAt = now;
		apply(settings, tracks, now);
	}

	/**
	 * Replaces the policy's settings; the revision grows when the change is saved.
	 * @param settings the new settings
	 * @param now time of the change
	 */
	public void update(PlaybackPolicy settings, Map<TrackType, TrackRequirement> tracks, Instant now) {
		apply(settings, tracks, now);
	}

	private void apply(PlaybackPolicy settings, Map<TrackType, TrackRequirement> tracks, Instant now) {
		this.trackRequirements.clear();
		this.trackRequirements.putAll(tracks);
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

	/**
	 * Returns what a device must have per track; a track not listed requires nothing.
	 * @return the requirements by track
	 */
	public Map<TrackType, TrackRequirement> trackRequirements() {
		return (this.trackRequirements.isEmpty()) ? Map.of() : Map.copyOf(this.trackRequirements);
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
