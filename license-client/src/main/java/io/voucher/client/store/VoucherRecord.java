package io.voucher.client.store;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A stored voucher and what the device recorded about its use.
 *
 * @param licenseId the license id
 * @param contentId the content id
 * @param voucher the voucher (compact JWS) as received
 * @param storedAt when it was stored
 * @param firstPlayedAt when playback first started, or {@code null}
 * @param lastRenewedAt when the license was last renewed, or {@code null}
 * @param lastRenewalFailureAt when a renewal attempt last failed (cleared by a successful
 * renewal), or {@code null}
 */
public record VoucherRecord(String licenseId, String contentId, String voucher, Instant storedAt,
		@Nullable Instant firstPlayedAt, @Nullable Instant lastRenewedAt, @Nullable Instant lastRenewalFailureAt) {

	public VoucherRecord {
		Objects.requireNonNull(storedAt, "storedAt");
		if (licenseId.isBlank() || contentId.isBlank() || voucher.isBlank()) {
			throw new IllegalArgumentException("license id, content id and voucher are required");
		}
	}

	/**
	 * A voucher just stored, never played.
	 * @param licenseId the license id
	 * @param contentId the content id
	 * @param voucher the compact JWS
	 * @param storedAt now
	 * @return the record
	 */
	public static VoucherRecord stored(String licenseId, String contentId, String voucher, Instant storedAt) {
		return new VoucherRecord(licenseId, contentId, voucher, storedAt, null, null, null);
	}

	/**
	 * The record of the same license received again (a fresh copy from a bundle, or an
	 * import): the usage recorded so far is kept, so that storing a license again never
	 * restarts its playback window.
	 * @param compact the voucher received
	 * @return the record
	 */
	public VoucherRecord withVoucher(String compact) {
		return new VoucherRecord(this.licenseId, this.contentId, compact, this.storedAt, this.firstPlayedAt,
				this.lastRenewedAt, this.lastRenewalFailureAt);
	}

	public VoucherRecord withFirstPlayedAt(Instant instant) {
		return new VoucherRecord(this.licenseId, this.contentId, this.voucher, this.storedAt, instant,
				this.lastRenewedAt, this.lastRenewalFailureAt);
	}

	public VoucherRecord withRenewalFailureAt(Instant instant) {
		return new VoucherRecord(this.licenseId, this.contentId, this.voucher, this.storedAt, this.firstPlayedAt,
				this.lastRenewedAt, instant);
	}

	/**
	 * The record of the renewed license: the new voucher, usage kept, renewal recorded.
	 * @param renewed the new compact JWS
	 * @param at when it was renewed
	 * @return the record
	 */
	public VoucherRecord renewed(String renewed, Instant at) {
		return new VoucherRecord(this.licenseId, this.contentId, renewed, this.storedAt, this.firstPlayedAt, at, null);
	}

	@Override
	public String toString() {
		return "VoucherRecord[" + this.licenseId + ", " + this.contentId + "]";
	}

}
