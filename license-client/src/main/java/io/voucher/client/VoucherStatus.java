package io.voucher.client;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A stored voucher with its state now.
 *
 * @param voucher the voucher
 * @param state its state
 * @param reason why it may not play, or {@code null} when {@link VoucherState#PLAYABLE}
 * @param firstPlayedAt when it was first played, or {@code null}
 */
public record VoucherStatus(DeviceVoucher voucher, VoucherState state, @Nullable DrmError reason,
		@Nullable Instant firstPlayedAt) {

	public VoucherStatus {
		Objects.requireNonNull(voucher, "voucher");
		Objects.requireNonNull(state, "state");
	}

}
