package io.voucher.client;

import java.security.cert.X509Certificate;
import java.time.Clock;

import io.voucher.client.store.DeviceStore;
import io.voucher.client.store.GroupRecord;
import io.voucher.crypto.CompactJws;
import io.voucher.crypto.group.GroupCredentialOpener;
import io.voucher.crypto.group.GroupCredentialRejectedException;
import io.voucher.crypto.group.GroupMembership;
import io.voucher.crypto.keys.LicenseTrust;
import io.voucher.crypto.pki.CertificatePem;
import io.voucher.crypto.pki.DeviceIdentity;
import io.voucher.crypto.voucher.Binding;
import io.voucher.crypto.voucher.ContentKey;
import io.voucher.crypto.voucher.LicenseTerms;
import io.voucher.crypto.voucher.OpenedVoucher;
import io.voucher.crypto.voucher.VoucherOpener;
import io.voucher.crypto.voucher.VoucherRejectedException;
import org.jspecify.annotations.Nullable;

/**
 * Verifies and opens what the platform signs, for one device: vouchers (signature up to
 * the pinned license root, binding to this device or to a group it holds the credential
 * of, validity, key block) and group credentials, and maps every refusal to its
 * {@link DrmError}. Keeps the pinned root's trust, which caches verified signing chains.
 * Not thread-safe: the manager serializes calls.
 */
final class VoucherVerifier {

	private final DeviceStore store;

	private final Clock clock;

	private final @Nullable X509Certificate pinnedRoot;

	private @Nullable LicenseTrust trust;

	private @Nullable String trustPem;

	VoucherVerifier(DeviceStore store, Clock clock, @Nullable X509Certificate pinnedRoot) {
		this.store = store;
		this.clock = clock;
		this.pinnedRoot = pinnedRoot;
	}

	OpenedVoucher open(String compact, DeviceIdentity identity) {
		VoucherOpener opener = new VoucherOpener(trust());
		LicenseTerms terms = inspect(compact);
		try {
			if (terms.binding() instanceof Binding.GroupBinding binding) {
				GroupRecord group = this.store.state()
					.group(binding.groupId())
					.orElseThrow(() -> new DrmException(DrmError.LICENSE_BOUND_TO_ANOTHER_GROUP, "License "
							+ terms.licenseId() + " is bound to group " + binding.groupId() + ", not joined here"));
				if (binding.generation() > group.generation()) {
					throw new DrmException(DrmError.GROUP_GENERATION_TOO_OLD,
							"License " + terms.licenseId() + " is bound to generation " + binding.generation()
									+ " of group " + binding.groupId() + "; the credential here is of generation "
									+ group.generation() + ": refresh the group credential");
				}
				if (binding.generation() < group.generation()) {
					throw new DrmException(DrmError.GROUP_GENERATION_TOO_OLD,
							"License " + terms.licenseId() + " is bound to generation " + binding.generation()
									+ " of group " + binding.groupId() + ", older than the current "
									+ group.generation() + ": load the group's bundle again");
				}
				return opener.open(compact, openCredential(group.credential(), identity));
			}
			return opener.open(compact, identity);
		}
		catch (VoucherRejectedException ex) {
			throw rejected(ex);
		}
	}

	LicenseTerms inspect(String compact) {
		try {
			return new VoucherOpener(trust()).inspect(compact);
		}
		catch (VoucherRejectedException ex) {
			throw rejected(ex);
		}
	}

	private static DrmException rejected(VoucherRejectedException ex) {
		DrmError error = switch (ex.reason()) {
			case TAMPERED -> DrmError.LICENSE_SIGNATURE_INVALID;
			case FOREIGN_SIGNER -> DrmError.LICENSE_UNTRUSTED_SIGNER;
			case BOUND_TO_ANOTHER_DEVICE -> DrmError.LICENSE_BOUND_TO_ANOTHER_DEVICE;
			case WRONG_BINDING_KIND, BOUND_TO_ANOTHER_GROUP -> DrmError.LICENSE_BOUND_TO_ANOTHER_GROUP;
			case GROUP_GENERATION_MISMATCH -> DrmError.GROUP_GENERATION_TOO_OLD;
			case KEY_BLOCK_UNREADABLE -> DrmError.LICENSE_KEYS_UNREADABLE;
			case EXPIRED -> DrmError.LICENSE_EXPIRED;
			case NOT_YET_VALID -> DrmError.LICENSE_NOT_YET_VALID;
			case MALFORMED, ALGORITHM_NOT_ALLOWED, KEY_BLOCK_MISMATCH -> DrmError.LICENSE_MALFORMED;
		};
		return new DrmException(error, "The license is refused (" + ex.code() + "): " + ex.getMessage(), ex);
	}

	LicenseTrust trust() {
		if (this.pinnedRoot != null) {
			if (this.trust == null) {
				this.trust = LicenseTrust.pinning(this.pinnedRoot, this.clock);
			}
			return this.trust;
		}
		String pem = this.store.state().licenseRootPem();
		if (pem == null) {
			throw new DrmException(DrmError.NOT_INDIVIDUALIZED,
					"No license root is pinned yet: individualize the device first");
		}
		if (this.trust == null || !pem.equals(this.trustPem)) {
			// Kept while the pin is unchanged: it caches the verified signing chains.
			this.trust = new LicenseTrust(CertificatePem.decode(pem), this.clock);
			this.trustPem = pem;
		}
		return this.trust;
	}

	GroupMembership openCredential(String credential, DeviceIdentity identity) {
		try {
			return new GroupCredentialOpener(trust(), VoucherOpener.DEFAULT_CLOCK_SKEW).open(credential, identity);
		}
		catch (GroupCredentialRejectedException ex) {
			throw new DrmException(DrmError.GROUP_CREDENTIAL_INVALID,
					"The group credential is refused (" + ex.code() + "): " + ex.getMessage()
							+ ((ex.reason() == GroupCredentialRejectedException.Reason.EXPIRED)
									? "; refresh the group credential" : ""),
					ex);
		}
	}

	/**
	 * A voucher as bytes: the compact JWS, or its base64 (Voucher's license response
	 * carries it so).
	 */
	static String compact(byte[] voucher) {
		try {
			return CompactJws.parse(voucher);
		}
		catch (IllegalArgumentException ex) {
			throw new DrmException(DrmError.LICENSE_MALFORMED, "Not a license: " + ex.getMessage());
		}
	}

	static void destroy(OpenedVoucher opened) {
		for (ContentKey key : opened.contentKeys()) {
			key.key().destroy();
		}
	}

	@Override
	public String toString() {
		return "VoucherVerifier[" + ((this.pinnedRoot != null) ? "root given" : "root pinned on first use") + "]";
	}

}
