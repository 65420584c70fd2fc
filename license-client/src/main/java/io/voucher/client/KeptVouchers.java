package io.voucher.client;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import io.voucher.client.policy.Usage;
import io.voucher.client.store.DeviceStore;
import io.voucher.client.store.VoucherRecord;
import io.voucher.crypto.voucher.LicenseTerms;

/**
 * The vouchers a device keeps, and the one place that decides where: in the device store
 * when the license's policy allows persistence ({@code can_persist}), else in memory
 * only, for as long as the manager lives. Every read and every change of a voucher and of
 * its usage (first play, renewals) goes through here, whichever of the two holds it. Not
 * thread-safe: the manager serializes calls.
 */
final class KeptVouchers {

	private final DeviceStore store;

	private final Clock clock;

	private final Map<String, MemoryVoucher> memory = new LinkedHashMap<>();

	KeptVouchers(DeviceStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	/**
	 * Keeps a verified voucher, replacing an earlier copy of the same license (its usage
	 * is kept).
	 */
	DeviceVoucher keep(LicenseTerms terms, String compact) {
		if (!terms.policy().canPersist()) {
			// Never written to the device store: it lives as long as this manager.
			MemoryVoucher previous = this.memory.get(terms.licenseId());
			this.memory.put(terms.licenseId(),
					new MemoryVoucher(compact, (previous != null) ? previous.usage() : Usage.NONE));
			return new DeviceVoucher(terms, false, compact);
		}
		this.memory.remove(terms.licenseId());
		Instant now = this.clock.instant();
		this.store.update((state) -> state.withVoucher(state.voucher(terms.licenseId())
			.map((existing) -> existing.withVoucher(compact))
			.orElseGet(() -> VoucherRecord.stored(terms.licenseId(), terms.contentId(), compact, now))));
		return new DeviceVoucher(terms, true, compact);
	}

	/**
	 * Replaces a voucher by its renewal, recording the renewal in its usage.
	 * @return whether it is in the store
	 */
	boolean renewed(String licenseId, String compact) {
		Instant now = this.clock.instant();
		MemoryVoucher inMemory = this.memory.get(licenseId);
		if (inMemory != null) {
			this.memory.put(licenseId,
					new MemoryVoucher(compact, new Usage(inMemory.usage().firstPlayedAt(), now, null)));
			return false;
		}
		this.store.update((state) -> state.voucher(licenseId)
			.map((record) -> state.withVoucher(record.renewed(compact, now)))
			.orElse(state));
		return true;
	}

	/**
	 * Records a failed renewal attempt, so that the next one follows the retry interval.
	 */
	void renewalFailed(String licenseId) {
		Instant now = this.clock.instant();
		MemoryVoucher inMemory = this.memory.get(licenseId);
		if (inMemory != null) {
			this.memory.put(licenseId, new MemoryVoucher(inMemory.compact(),
					new Usage(inMemory.usage().firstPlayedAt(), inMemory.usage().lastRenewedAt(), now)));
			return;
		}
		this.store.update((state) -> state.voucher(licenseId)
			.map((record) -> state.withVoucher(record.withRenewalFailureAt(now)))
			.orElse(state));
	}

	/** Records the first play of a kept voucher. */
	void firstPlayed(Kept kept, Instant at) {
		if (kept.persisted()) {
			this.store.update((state) -> state.voucher(kept.licenseId())
				.map((record) -> state.withVoucher(record.withFirstPlayedAt(at)))
				.orElse(state));
			return;
		}
		MemoryVoucher voucher = this.memory.get(kept.licenseId());
		if (voucher != null) {
			this.memory.put(kept.licenseId(), new MemoryVoucher(voucher.compact(), Usage.playedAt(at)));
		}
	}

	/**
	 * A kept voucher's compact JWS.
	 * @throws DrmException {@code LICENSE_NOT_FOUND}
	 */
	String compactOf(String licenseId) {
		MemoryVoucher inMemory = this.memory.get(licenseId);
		if (inMemory != null) {
			return inMemory.compact();
		}
		return this.store.state()
			.voucher(licenseId)
			.map(VoucherRecord::voucher)
			.orElseThrow(() -> new DrmException(DrmError.LICENSE_NOT_FOUND, "No license " + licenseId + " is kept"));
	}

	/** Whether a kept voucher is in the store (else in memory). */
	boolean persisted(String licenseId) {
		return !this.memory.containsKey(licenseId);
	}

	/**
	 * Every kept voucher, the stored ones first.
	 * @param contentIdOf reads the content id of a voucher kept in memory
	 */
	List<Kept> all(Function<String, String> contentIdOf) {
		List<Kept> result = new ArrayList<>();
		for (VoucherRecord record : this.store.state().vouchers()) {
			result.add(new Kept(record.licenseId(), record.contentId(), record.voucher(), true,
					new Usage(record.firstPlayedAt(), record.lastRenewedAt(), record.lastRenewalFailureAt())));
		}
		this.memory.forEach((licenseId, voucher) -> result
			.add(new Kept(licenseId, contentIdOf.apply(voucher.compact()), voucher.compact(), false, voucher.usage())));
		return result;
	}

	/** Forgets some vouchers, wherever they are kept. */
	void forget(Set<String> licenseIds) {
		licenseIds.forEach(this.memory::remove);
		this.store.update((state) -> state.withoutVouchers((record) -> licenseIds.contains(record.licenseId())));
	}

	/**
	 * Forgets every voucher.
	 * @return how many there were
	 */
	int forgetAll() {
		int count = count();
		this.store.update((state) -> state.withoutVouchers((record) -> true));
		this.memory.clear();
		return count;
	}

	/** How many vouchers are kept. */
	int count() {
		return this.store.state().vouchers().size() + this.memory.size();
	}

	/** Forgets the vouchers kept in memory only. */
	void forgetMemory() {
		this.memory.clear();
	}

	@Override
	public String toString() {
		return "KeptVouchers[" + this.memory.size() + " in memory]";
	}

	private record MemoryVoucher(String compact, Usage usage) {

		@Override
		public String toString() {
			return "MemoryVoucher[" + this.usage + "]";
		}

	}

	/**
	 * A kept voucher with its usage.
	 *
	 * @param licenseId the license id
	 * @param contentId the content id
	 * @param compact the voucher
	 * @param persisted whether it is in the store
	 * @param usage its usage so far
	 */
	record Kept(String licenseId, String contentId, String compact, boolean persisted, Usage usage) {

		@Override
		public String toString() {
			return "Kept[" + this.licenseId + "]";
		}

	}

}
