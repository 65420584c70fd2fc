package io.voucher.client;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.voucher.crypto.voucher.Binding;
import io.voucher.crypto.voucher.LicenseTerms;

/**
 * A voucher (license) held by the device: Primetime's {@code DRMVoucher}. Its terms were
 * verified against the pinned license root when it was stored; {@link #toByteArray()}
 * serializes it for another member of its device group ({@code storeVoucher} there).
 *
 * @param terms the verified terms (policy, validity, binding, key entries)
 * @param persisted whether it is in the device store ({@code can_persist}); a
 * non-persistable license lives in memory until the SDK is closed
 * @param compact the voucher as received (compact JWS)
 */
public record DeviceVoucher(LicenseTerms terms, boolean persisted, String compact) {

	/**
	 * The license id.
	 * @return the id
	 */
	public String licenseId() {
		return this.terms.licenseId();
	}

	/**
	 * The content id.
	 * @return the id
	 */
	public String contentId() {
		return this.terms.contentId();
	}

	/**
	 * What the voucher is bound to.
	 * @return the binding
	 */
	public Binding binding() {
		return this.terms.binding();
	}

	/**
	 * The end of validity.
	 * @return the expiry
	 */
	public Instant expiresAt() {
		return this.terms.expiresAt();
	}

	/**
	 * The serialized voucher (Primetime's {@code DRMVoucher.toByteArray()}): the bytes
	 * {@link DrmManager#storeVoucher(byte[])} takes on another device.
	 * @return the bytes
	 */
	public byte[] toByteArray() {
		return this.compact.getBytes(StandardCharsets.US_ASCII);
	}

	@Override
	public String toString() {
		return "DeviceVoucher[" + licenseId() + ", " + contentId() + ", " + binding() + ", expires " + expiresAt()
				+ (this.persisted ? ", persisted" : ", in memory") + "]";
	}

}
