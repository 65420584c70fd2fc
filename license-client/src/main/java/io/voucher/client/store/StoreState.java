package io.voucher.client.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import io.voucher.crypto.group.GroupId;
import org.jspecify.annotations.Nullable;

/**
 * Everything the device store keeps besides the device key: an immutable snapshot,
 * changed with the {@code with…} methods and saved with {@link DeviceStore#update}.
 *
 * @param licenseRootPem the pinned license root (PEM), or {@code null} before the first
 * individualization
 * @param registrations the generated IDs registered on this device
 * @param groups the device groups this device is a member of
 * @param vouchers the stored vouchers
 * @param revocationSequence the sequence of the newest revocation list seen, -1 for none
 * @param deviceRevoked whether that list names this device
 */
public record StoreState(@Nullable String licenseRootPem, List<RegistrationRecord> registrations,
		List<GroupRecord> groups, List<VoucherRecord> vouchers, long revocationSequence, boolean deviceRevoked) {

	public StoreState {
		registrations = List.copyOf(registrations);
		groups = List.copyOf(groups);
		vouchers = List.copyOf(vouchers);
	}

	/**
	 * The state of a new store.
	 * @return the empty state
	 */
	public static StoreState empty() {
		return new StoreState(null, List.of(), List.of(), List.of(), -1, false);
	}

	public StoreState withLicenseRootPem(@Nullable String pem) {
		return new StoreState(pem, this.registrations, this.groups, this.vouchers, this.revocationSequence,
				this.deviceRevoked);
	}

	public StoreState withRegistration(RegistrationRecord registration) {
		List<RegistrationRecord> list = new ArrayList<>(this.registrations);
		list.removeIf((existing) -> existing.generatedId().equals(registration.generatedId()));
		list.add(registration);
		return new StoreState(this.licenseRootPem, list, this.groups, this.vouchers, this.revocationSequence,
				this.deviceRevoked);
	}

	public StoreState withGroup(GroupRecord group) {
		List<GroupRecord> list = new ArrayList<>(this.groups);
		list.removeIf((existing) -> existing.groupId().equals(group.groupId()));
		list.add(group);
		return new StoreState(this.licenseRootPem, this.registrations, list, this.vouchers, this.revocationSequence,
				this.deviceRevoked);
	}

	public StoreState withoutGroup(GroupId groupId) {
		List<GroupRecord> list = new ArrayList<>(this.groups);
		list.removeIf((existing) -> existing.groupId().equals(groupId));
		return new StoreState(this.licenseRootPem, this.registrations, list, this.vouchers, this.revocationSequence,
				this.deviceRevoked);
	}

	/**
	 * Stores a voucher, replacing the record with the same license id (callers carry its
	 * usage over with {@link VoucherRecord#withVoucher(String)}).
	 * @param voucher the voucher
	 * @return the new state
	 */
	public StoreState withVoucher(VoucherRecord voucher) {
		List<VoucherRecord> list = new ArrayList<>(this.vouchers);
		list.removeIf((existing) -> existing.licenseId().equals(voucher.licenseId()));
		list.add(voucher);
		return new StoreState(this.licenseRootPem, this.registrations, this.groups, list, this.revocationSequence,
				this.deviceRevoked);
	}

	public StoreState withoutVouchers(Predicate<VoucherRecord> which) {
		List<VoucherRecord> list = new ArrayList<>(this.vouchers);
		list.removeIf(which);
		return new StoreState(this.licenseRootPem, this.registrations, this.groups, list, this.revocationSequence,
				this.deviceRevoked);
	}

	public StoreState withRevocation(long sequence, boolean revoked) {
		return new StoreState(this.licenseRootPem, this.registrations, this.groups, this.vouchers, sequence, revoked);
	}

	/**
	 * The state after a DRM reset: no registration, group or voucher; the pinned root and
	 * the revocation sequence are kept (they are not this device's secrets).
	 * @return the new state
	 */
	public StoreState reset() {
		return new StoreState(this.licenseRootPem, List.of(), List.of(), List.of(), this.revocationSequence, false);
	}

	public Optional<VoucherRecord> voucher(String licenseId) {
		return this.vouchers.stream().filter((voucher) -> voucher.licenseId().equals(licenseId)).findFirst();
	}

	public Optional<GroupRecord> group(GroupId groupId) {
		return this.groups.stream().filter((group) -> group.groupId().equals(groupId)).findFirst();
	}

	@Override
	public String toString() {
		return "StoreState[" + this.registrations.size() + " registrations, " + this.groups.size() + " groups, "
				+ this.vouchers.size() + " vouchers]";
	}

}
