package io.voucher.client.policy;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.voucher.client.DrmError;
import io.voucher.crypto.voucher.KeyGrant;
import org.jspecify.annotations.Nullable;

/**
 * The policy's answer to "may this license play now?" when it may: which keys the player
 * may use, which it may not and why, and until when.
 *
 * @param usable the keys whose requirements the device meets
 * @param withheld the keys it may not use, with the reason
 * @param firstPlayedAt the first play of the license (now, if this is the first)
 * @param mustStopAt when playback must stop at the latest (license expiry, hard rental or
 * playback window, renewal recovery), or {@code null} for no limit
 * @param renewal the renewal plan
 */
public record PlaybackDecision(List<KeyGrant> usable, List<WithheldKey> withheld, Instant firstPlayedAt,
		@Nullable Instant mustStopAt, RenewalPlan renewal) {

	public PlaybackDecision {
		usable = List.copyOf(usable);
		withheld = List.copyOf(withheld);
		Objects.requireNonNull(firstPlayedAt, "firstPlayedAt");
		Objects.requireNonNull(renewal, "renewal");
		if (usable.isEmpty()) {
			throw new IllegalArgumentException("a decision to play has at least one usable key");
		}
	}

	/**
	 * A key the device may not use.
	 *
	 * @param grant the key's entry in the license
	 * @param reason {@link DrmError#SECURITY_LEVEL_TOO_LOW} or
	 * {@link DrmError#OUTPUT_PROTECTION_UNMET}
	 */
	public record WithheldKey(KeyGrant grant, DrmError reason) {
	}

}
