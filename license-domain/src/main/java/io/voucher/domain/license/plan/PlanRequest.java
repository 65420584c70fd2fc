package io.voucher.domain.license.plan;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.TrackType;
import io.voucher.domain.content.ContentKeyMaterial;
import io.voucher.domain.policy.PlaybackPolicy;
import io.voucher.domain.policy.PolicyOverrides;
import io.voucher.domain.policy.TrackRequirement;
import org.jspecify.annotations.Nullable;

/**
 * Everything the planner decides a license from, read beforehand by the caller. Built
 * with {@link #builder()}.
 *
 * @param storedPolicy the named policy's template fields, or {@code null} when none is
 * named
 * @param storedTracks the named policy's per-track requirements
 * @param overrides the request's (or entitlement's) overrides
 * @param overridesExclusively whether the overrides apply alone: the stored policy, its
 * track requirements included, is then ignored, as the template's
 * {@code use_policy_overrides_exclusively} says
 * @param activeKeys the content's active keys, when the selection needs them
 * ({@link KeySelection#needsActiveKeys()})
 * @param namedKeys the keys the selection names by id, those that exist
 * ({@link KeySelection#namedKeyIds()})
 * @param selection which keys are asked for
 * @param target who the license is for
 */
public record PlanRequest(@Nullable PlaybackPolicy storedPolicy, Map<TrackType, TrackRequirement> storedTracks,
		PolicyOverrides overrides, boolean overridesExclusively, List<ContentKeyMaterial> activeKeys,
		Map<KeyId, ContentKeyMaterial> namedKeys, KeySelection selection, LicenseTarget target) {

	public PlanRequest {
		storedTracks = storedTracks.isEmpty() ? Map.of() : new EnumMap<>(storedTracks);
		activeKeys = List.copyOf(activeKeys);
		namedKeys = Map.copyOf(namedKeys);
		Objects.requireNonNull(overrides, "overrides");
		Objects.requireNonNull(selection, "selection");
		Objects.requireNonNull(target, "target");
	}

	/**
	 * A builder: no stored policy, no overrides, all tracks, no keys.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Builds a {@link PlanRequest}.
	 */
	public static final class Builder {

		private @Nullable PlaybackPolicy storedPolicy;

		private Map<TrackType, TrackRequirement> storedTracks = Map.of();

		private PolicyOverrides overrides = PolicyOverrides.NONE;

		private boolean overridesExclusively;

		private List<ContentKeyMaterial> activeKeys = new ArrayList<>();

		private Map<KeyId, ContentKeyMaterial> namedKeys = new HashMap<>();

		private KeySelection selection = KeySelection.allTracks();

		private @Nullable LicenseTarget target;

		private Builder() {
		}

		/**
		 * The named policy.
		 * @param settings its template fields, or {@code null} for none
		 * @param tracks its per-track requirements
		 * @return this builder
		 */
		public Builder storedPolicy(@Nullable PlaybackPolicy settings, Map<TrackType, TrackRequirement> tracks) {
			this.storedPolicy = settings;
			this.storedTracks = tracks;
			return this;
		}

		public Builder overrides(PolicyOverrides overrides, boolean exclusively) {
			this.overrides = overrides;
			this.overridesExclusively = exclusively;
			return this;
		}

		public Builder activeKeys(List<ContentKeyMaterial> keys) {
			this.activeKeys = keys;
			return this;
		}

		public Builder namedKeys(Map<KeyId, ContentKeyMaterial> keys) {
			this.namedKeys = keys;
			return this;
		}

		public Builder selection(KeySelection selection) {
			this.selection = selection;
			return this;
		}

		public Builder target(LicenseTarget target) {
			this.target = target;
			return this;
		}

		/**
		 * Builds the request.
		 * @return the request
		 * @throws NullPointerException without a target
		 */
		public PlanRequest build() {
			return new PlanRequest(this.storedPolicy, this.storedTracks, this.overrides, this.overridesExclusively,
					this.activeKeys, this.namedKeys, this.selection, Objects.requireNonNull(this.target, "target"));
		}

	}

}
