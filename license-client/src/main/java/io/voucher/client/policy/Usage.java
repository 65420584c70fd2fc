package io.voucher.client.policy;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What the device recorded about a license's use: the inputs of the playback and renewal
 * windows.
 *
 * @param firstPlayedAt when playback first started, or {@code null}
 * @param lastRenewedAt when the license was last renewed, or {@code null}
 * @param lastRenewalFailureAt when the last renewal attempt failed (cleared by a
 * success), or {@code null}
 */
public record Usage(@Nullable Instant firstPlayedAt, @Nullable Instant lastRenewedAt,
		@Nullable Instant lastRenewalFailureAt) {

	/** A license never played nor renewed. */
	public static final Usage NONE = new Usage(null, null, null);

	/**
	 * A license first played at an instant.
	 * @param firstPlayedAt the first play
	 * @return the usage
	 */
	public static Usage playedAt(Instant firstPlayedAt) {
		return new Usage(firstPlayedAt, null, null);
	}

}
