package io.voucher.domain.license.plan;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.SecurityLevel;
import io.voucher.crypto.voucher.ContentKey;
import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.TrackType;
import io.voucher.domain.content.ContentKeyMaterial;
import io.voucher.domain.policy.InvalidPolicyException;
import io.voucher.domain.policy.PlaybackPolicy;
import io.voucher.domain.policy.TrackRequirement;
import org.jspecify.annotations.Nullable;

/**
 * Decides what goes into a license, for the online path and pre-generation alike. A pure
 * function: no I/O, no clock, no randomness; everything it needs is in the
 * {@link PlanRequest}.
 * <p>
 * The rules, in order:
 * <ol>
 * <li>The policy is the stored policy overlaid with the overrides, or the overrides alone
 * over the template's defaults when they apply exclusively (the stored policy's track
 * requirements are then ignored too).</li>
 * <li>The keys are those the selection asks for: the active keys of the allowed track
 * types (or the keys a challenge names, of those types), or one key per key spec.</li>
 * <li>Each key's grant requires the level and HDCP its key spec says, or else the stored
 * policy's requirement for its track, or else nothing.</li>
 * <li>Keys whose level is above the receiving device's are left out (see
 * {@link LicenseTarget}); HDCP is not a filter: it travels in the grant and the device
 * enforces it against its current output.</li>
 * <li>No key asked for: refused; every key above the device's level: refused.</li>
 * <li>The keys are sorted by track type, so that equal inputs make equal licenses.</li>
 * </ol>
 */
public final class LicensePlanner {

	private LicensePlanner() {
	}

	/**
	 * Plans a license.
	 * @param request what the license is made from
	 * @return the license to sign
	 * @throws PlanRefusedException when no license can be made, with the reason
	 */
	public static LicensePlan plan(PlanRequest request) {
		PlaybackPolicy settings = resolve(request);
		Map<TrackType, TrackRequirement> tracks = request.overridesExclusively() ? Map.of() : request.storedTracks();
		List<ContentKey> requested = (request.selection() instanceof KeySelection.Specs specs)
				? fromSpecs(specs, request, tracks)
				: fromTracks((KeySelection.Tracks) request.selection(), request, tracks);
		if (requested.isEmpty()) {
			throw new PlanRefusedException(PlanRefusal.NO_KEY_FOR_TRACKS, "No key for the requested tracks");
		}
		SecurityLevel level = request.target().receivingLevel();
		List<ContentKey> granted = new ArrayList<>(requested.size());
		for (ContentKey key : requested) {
			if (level == null || level.satisfies(key.grant().requiredSecurityLevel())) {
				granted.add(key);
			}
		}
		if (granted.isEmpty()) {
			throw new PlanRefusedException(PlanRefusal.INSUFFICIENT_SECURITY_LEVEL, "The device's security level "
					+ ((level != null) ? level.value() : "") + " is below every requested track's");
		}
		granted.sort(Comparator.comparing((ContentKey key) -> key.grant().trackType()));
		return new LicensePlan(settings, granted, request.target());
	}

	private static PlaybackPolicy resolve(PlanRequest request) {
		try {
			return PlaybackPolicy.resolve(request.storedPolicy(), request.overrides(), request.overridesExclusively());
		}
		catch (InvalidPolicyException ex) {
			throw new PlanRefusedException(PlanRefusal.INVALID_POLICY, ex.getMessage());
		}
	}

	private static List<ContentKey> fromTracks(KeySelection.Tracks selection, PlanRequest request,
			Map<TrackType, TrackRequirement> tracks) {
		List<ContentKeyMaterial> materials;
		if (selection.keyIds().isEmpty()) {
			materials = request.activeKeys();
		}
		else {
			materials = new ArrayList<>(selection.keyIds().size());
			for (KeyId keyId : selection.keyIds()) {
				materials.add(named(request, keyId));
			}
		}
		Set<TrackType> allowed = selection.trackTypes();
		List<ContentKey> keys = new ArrayList<>(materials.size());
		for (ContentKeyMaterial material : materials) {
			if (allowed.contains(material.trackType())) {
				TrackRequirement requirement = tracks.getOrDefault(material.trackType(), TrackRequirement.NONE);
				keys.add(key(material, requirement.securityLevel(), requirement.requiredHdcp()));
			}
		}
		return keys;
	}

	private static List<ContentKey> fromSpecs(KeySelection.Specs selection, PlanRequest request,
			Map<TrackType, TrackRequirement> tracks) {
		List<ContentKey> keys = new ArrayList<>();
		Set<TrackType> seen = EnumSet.noneOf(TrackType.class);
		List<KeySpec> specs = selection.specs();
		for (int i = 0; i < specs.size(); i++) {
			KeySpec spec = specs.get(i);
			String field = "content_key_specs[" + i + "]";
			TrackType track = spec.trackType();
			KeyId keyId = spec.keyId();
			if (track == null && keyId == null) {
				throw new PlanRefusedException(PlanRefusal.MALFORMED_SELECTION, field + " needs track_type or key_id");
			}
			ContentKeyMaterial material;
			if (spec.injectedKey() != null) {
				if (track == null) {
					throw new PlanRefusedException(PlanRefusal.MALFORMED_SELECTION,
							field + " injects a key: track_type is required");
				}
				KeyId id = (keyId != null) ? keyId : activeKey(request, track).keyId();
				material = new ContentKeyMaterial(track, id, spec.injectedKey());
			}
			else if (keyId != null) {
				material = named(request, keyId);
				if (track != null && material.trackType() != track) {
					throw new PlanRefusedException(PlanRefusal.MALFORMED_SELECTION,
							field + ": key " + base64(keyId) + " is not a " + track + " key");
				}
			}
			else {
				material = activeKey(request, track);
			}
			if (!seen.add(material.trackType())) {
				throw new PlanRefusedException(PlanRefusal.MALFORMED_SELECTION,
						"content_key_specs names track " + material.trackType() + " more than once");
			}
			// The spec's requirements win; the stored policy's apply where it is silent.
			TrackRequirement policy = tracks.getOrDefault(material.trackType(), TrackRequirement.NONE);
			SecurityLevel level = (spec.securityLevel() != null) ? spec.securityLevel() : policy.securityLevel();
			HdcpVersion hdcp = (spec.requiredHdcp() != null) ? spec.requiredHdcp() : policy.requiredHdcp();
			keys.add(key(material, level, hdcp));
		}
		return keys;
	}

	private static ContentKeyMaterial named(PlanRequest request, KeyId keyId) {
		ContentKeyMaterial material = request.namedKeys().get(keyId);
		if (material == null) {
			throw new PlanRefusedException(PlanRefusal.CONTENT_KEY_UNKNOWN,
					"No key " + base64(keyId) + " for this content");
		}
		return material;
	}

	private static ContentKeyMaterial activeKey(PlanRequest request, @Nullable TrackType track) {
		for (ContentKeyMaterial key : request.activeKeys()) {
			if (key.trackType() == track) {
				return key;
			}
		}
		throw new PlanRefusedException(PlanRefusal.CONTENT_KEY_UNKNOWN, "The content has no " + track + " key");
	}

	private static ContentKey key(ContentKeyMaterial material, SecurityLevel level, HdcpVersion hdcp) {
		return ContentKey.of(material.keyId(), material.trackType(), level, hdcp, material.key());
	}

	private static String base64(KeyId keyId) {
		return Base64.getEncoder().encodeToString(keyId.bytes());
	}

}
