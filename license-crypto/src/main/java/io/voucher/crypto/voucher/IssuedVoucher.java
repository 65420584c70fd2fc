package io.voucher.crypto.voucher;

/**
 * A voucher as issued: its license id and its compact JWS, the bytes given to the device.
 *
 * @param licenseId the license id
 * @param compact the compact JWS
 */
public record IssuedVoucher(String licenseId, String compact) {

	@Override
	public String toString() {
		return "IssuedVoucher[" + this.licenseId + "]";
	}

}
