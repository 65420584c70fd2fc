package io.voucher.client;

import java.util.List;

/**
 * What loading a bundle did: every license of the bundle that verified is stored; each of
 * the others is reported with its own error, so that one expired or foreign license never
 * keeps the device from storing the rest.
 *
 * @param stored the vouchers stored (in the store, or in memory when not persistable)
 * @param refused the licenses of the bundle that were not stored, each with its reason
 */
public record LoadedVouchers(List<DeviceVoucher> stored, List<RefusedVoucher> refused) {

	public LoadedVouchers {
		stored = List.copyOf(stored);
		refused = List.copyOf(refused);
	}

	/**
	 * Whether the bundle held no license at all (pre-generation may not be done yet).
	 * @return whether nothing was stored or refused
	 */
	public boolean isEmpty() {
		return this.stored.isEmpty() && this.refused.isEmpty();
	}

	/**
	 * One license of a bundle that the device did not store.
	 *
	 * @param licenseId the license id
	 * @param contentId the content id, as the bundle names it
	 * @param error why
	 * @param message the refusal, for people
	 */
	public record RefusedVoucher(String licenseId, String contentId, DrmError error, String message) {
	}

}
