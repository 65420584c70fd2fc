package io.voucher.registry.pregeneration;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import io.voucher.crypto.voucher.TrackType;
import io.voucher.domain.content.ContentId;
import io.voucher.domain.content.ContentKeyMaterial;
import io.voucher.domain.content.ContentNotFoundException;
import io.voucher.domain.content.ContentService;
import io.voucher.domain.policy.PlaybackPolicy;
import io.voucher.domain.policy.Policy;
import io.voucher.domain.policy.PolicyName;
import io.voucher.domain.policy.PolicyService;
import io.voucher.domain.policy.TrackRequirement;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What one job run reads again and again (a provider's policies, content keys and name),
 * read once per run instead of once per license. Before each registration or group is
 * synced, a stamp of the provider's policies and keys is read again (one cheap query):
 * when it changed, everything of that provider is read afresh, so a run never makes a
 * license from a policy or key it could know to be outdated. A change after the stamp is
 * read is followed by its own job, which syncs the same rows after this one under their
 * row lock. Content keys stay in memory only for the run.
 */
final class SyncLookups {

	private final PolicyService policies;

	private final ContentService contents;

	private final JdbcTemplate jdbc;

	private final Map<UUID, String> stamps = new HashMap<>();

	private final Map<UUID, Map<String, StoredPolicy>> policiesByProvider = new HashMap<>();

	private final Map<UUID, Map<ContentId, Optional<List<ContentKeyMaterial>>>> keysByProvider = new HashMap<>();

	private final Map<UUID, String> providerNames = new HashMap<>();

	SyncLookups(PolicyService policies, ContentService contents, JdbcTemplate jdbc) {
		this.policies = policies;
		this.contents = contents;
		this.jdbc = jdbc;
	}

	/**
	 * Forgets a provider's policies and keys if they changed since they were read.
	 * @param providerId the provider
	 */
	void revalidate(UUID providerId) {
		String stamp = this.jdbc.queryForObject("SELECT (SELECT count(*) || ':' || coalesce(max(updated_at)::text, '') "
				+ "|| ':' || coalesce(sum(revision), 0) FROM policy WHERE provider_id = ?) || '/' || "
				+ "(SELECT count(*) || ':' || coalesce(max(created_at)::text, '') FROM content_key WHERE provider_id = ?)",
				String.class, providerId, providerId);
		if (!Objects.equals(stamp, this.stamps.put(providerId, stamp))) {
			this.policiesByProvider.remove(providerId);
			this.keysByProvider.remove(providerId);
		}
	}

	/**
	 * A stored policy's settings and track requirements, copied out of the entity so that
	 * they outlive the transaction that read them.
	 * @param providerId the provider
	 * @param name the policy's name
	 * @return the policy
	 */
	StoredPolicy policy(UUID providerId, String name) {
		return this.policiesByProvider.computeIfAbsent(providerId, (id) -> new HashMap<>())
			.computeIfAbsent(name, (key) -> {
				Policy policy = this.policies.get(providerId, new PolicyName(key));
				Map<TrackType, TrackRequirement> tracks = new EnumMap<>(TrackType.class);
				tracks.putAll(policy.trackRequirements());
				return new StoredPolicy(policy.settings(), tracks);
			});
	}

	/**
	 * The active keys of a content.
	 * @param providerId the provider
	 * @param contentId the content
	 * @return the keys, or empty when the content no longer exists
	 */
	Optional<List<ContentKeyMaterial>> activeKeys(UUID providerId, ContentId contentId) {
		return this.keysByProvider.computeIfAbsent(providerId, (id) -> new HashMap<>())
			.computeIfAbsent(contentId, (key) -> {
				try {
					return Optional.of(this.contents.activeKeys(providerId, key));
				}
				catch (ContentNotFoundException ex) {
					return Optional.empty();
				}
			});
	}

	/**
	 * A stored policy as pre-generation uses it.
	 *
	 * @param settings the template fields
	 * @param tracks the per-track requirements
	 */
	record StoredPolicy(PlaybackPolicy settings, Map<TrackType, TrackRequirement> tracks) {
	}

	String providerName(UUID providerId) {
		return this.providerNames.computeIfAbsent(providerId,
				(id) -> this.jdbc.queryForObject("SELECT name FROM provider WHERE id = ?", String.class, id));
	}

}
