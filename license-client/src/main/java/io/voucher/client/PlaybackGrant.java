package io.voucher.client;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.voucher.client.policy.PlaybackDecision;
import io.voucher.client.policy.RenewalPlan;
import io.voucher.crypto.voucher.ContentKey;
import io.voucher.crypto.voucher.KeyId;
import org.jspecify.annotations.Nullable;

/**
 * The permission to play one content now: the keys the device may use (and only those),
 * the keys withheld and why, until when, and when to renew. The content keys are
 * {@link io.voucher.crypto.keys.SecretBytes}: copied on access, never printed; hand them
 * to the decryptor and nothing else.
 */
public final class PlaybackGrant {

	private final DeviceVoucher voucher;

	private final List<ContentKey> keys;

	private final PlaybackDecision decision;

	PlaybackGrant(DeviceVoucher voucher, List<ContentKey> keys, PlaybackDecision decision) {
		this.voucher = voucher;
		this.keys = List.copyOf(keys);
		this.decision = Objects.requireNonNull(decision);
	}

	/**
	 * The license that grants playback.
	 * @return the voucher
	 */
	public DeviceVoucher voucher() {
		return this.voucher;
	}

	/**
	 * The ids of the keys the device may use.
	 * @return the key ids
	 */
	public List<KeyId> keyIds() {
		return this.keys.stream().map(ContentKey::keyId).toList();
	}

	/**
	 * The keys the device may use.
	 * @return the content keys
	 */
	public List<ContentKey> contentKeys() {
		return this.keys;
	}

	/**
	 * The keys withheld (security level or output protection not met).
	 * @return the withheld keys and reasons
	 */
	public List<PlaybackDecision.WithheldKey> withheld() {
		return this.decision.withheld();
	}

	/**
	 * When playback must stop at the latest.
	 * @return the instant, or {@code null} for no limit
	 */
	public @Nullable Instant mustStopAt() {
		return this.decision.mustStopAt();
	}

	/**
	 * When the license must be renewed.
	 * @return the plan
	 */
	public RenewalPlan renewal() {
		return this.decision.renewal();
	}

	@Override
	public String toString() {
		return "PlaybackGrant[" + this.voucher.licenseId() + ", keys " + keyIds() + "]";
	}

}
