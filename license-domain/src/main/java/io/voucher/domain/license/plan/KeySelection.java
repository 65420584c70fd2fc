package io.voucher.domain.license.plan;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.TrackType;

/**
 * Which of a content's keys a license asks for: every key of some track types (the
 * template's {@code allowed_track_types}, optionally narrowed to the key ids a challenge
 * names), or explicit key specs ({@code content_key_specs}).
 */
public sealed interface KeySelection {

	/**
	 * Every active key of the given track types.
	 * @param tracks the track types
	 * @return the selection
	 */
	static KeySelection tracks(Set<TrackType> tracks) {
		return new Tracks(tracks, List.of());
	}

	/**
	 * Every active key of every track type (pre-generation: an entitlement grants the
	 * whole content).
	 * @return the selection
	 */
	static KeySelection allTracks() {
		return new Tracks(EnumSet.allOf(TrackType.class), List.of());
	}

	/**
	 * The named keys, those of the given track types.
	 * @param tracks the track types
	 * @param keyIds the key ids (a challenge's); empty for the active keys
	 * @return the selection
	 */
	static KeySelection tracks(Set<TrackType> tracks, List<KeyId> keyIds) {
		return new Tracks(tracks, keyIds);
	}

	/**
	 * Explicit key specs.
	 * @param specs the specs, in the message's order
	 * @return the selection
	 */
	static KeySelection specs(List<KeySpec> specs) {
		return new Specs(specs);
	}

	/**
	 * Whether the planner needs the content's active keys for this selection: callers
	 * read them only then.
	 * @return whether the active keys are needed
	 */
	boolean needsActiveKeys();

	/**
	 * The key ids the planner looks up by id: callers read those keys (active or not)
	 * beforehand.
	 * @return the key ids
	 */
	Set<KeyId> namedKeyIds();

	/**
	 * Keys of track types, all active ones or those named by id.
	 *
	 * @param trackTypes the track types
	 * @param keyIds the key ids, or empty for the active keys
	 */
	record Tracks(Set<TrackType> trackTypes, List<KeyId> keyIds) implements KeySelection {

		public Tracks {
			trackTypes = Set.copyOf(trackTypes);
			keyIds = List.copyOf(keyIds);
		}

		@Override
		public boolean needsActiveKeys() {
			return this.keyIds.isEmpty();
		}

		@Override
		public Set<KeyId> namedKeyIds() {
			return new LinkedHashSet<>(this.keyIds);
		}

	}

	/**
	 * Explicit key specs.
	 *
	 * @param specs the specs
	 */
	record Specs(List<KeySpec> specs) implements KeySelection {

		public Specs {
			specs = List.copyOf(specs);
		}

		@Override
		public boolean needsActiveKeys() {
			return this.specs.stream().anyMatch((spec) -> spec.keyId() == null);
		}

		@Override
		public Set<KeyId> namedKeyIds() {
			Set<KeyId> ids = new LinkedHashSet<>();
			for (KeySpec spec : this.specs) {
				if (spec.keyId() != null && spec.injectedKey() == null) {
					ids.add(spec.keyId());
				}
			}
			return ids;
		}

	}

}
