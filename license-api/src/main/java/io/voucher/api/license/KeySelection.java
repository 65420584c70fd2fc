package io.voucher.api.license;

import java.util.List;

import io.voucher.crypto.voucher.ContentKey;
import io.voucher.domain.policy.PlaybackPolicy;
import org.jspecify.annotations.Nullable;

/**
 * What the online path's policy and key rules grant a client that is not a Voucher device
 * (W3C Clear Key): the resolved policy and the keys it may have. Empty {@link #keys()}
 * means everything requested was withheld.
 *
 * @param policy the resolved policy
 * @param policyName the stored policy's name, or {@code null} for overrides alone
 * @param policyRevision the stored policy's revision, or {@code null}
 * @param policySnapshot the resolved policy as recorded with an issued license (JSON)
 * @param contentId the content the keys are granted from, or {@code null} when none of
 * the requested keys is a key of the contents allowed
 * @param knownKeys how many of the requested keys are that content's keys
 * @param keys the keys granted: the known ones of allowed track types whose security
 * level the client meets
 */
public record KeySelection(PlaybackPolicy policy, @Nullable String policyName, @Nullable Long policyRevision,
		String policySnapshot, @Nullable String contentId, int knownKeys, List<ContentKey> keys) {

	public KeySelection {
		keys = List.copyOf(keys);
	}

	@Override
	public String toString() {
		return "KeySelection[" + this.contentId + ", " + this.keys.size() + " of " + this.knownKeys + " keys]";
	}

}
