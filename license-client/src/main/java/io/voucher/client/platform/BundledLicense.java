package io.voucher.client.platform;

/**
 * One license of an out-of-band bundle.
 *
 * @param licenseId the license id
 * @param contentId the content id
 * @param license the license (compact JWS)
 */
public record BundledLicense(String licenseId, String contentId, String license) {

	@Override
	public String toString() {
		return "BundledLicense[" + this.licenseId + ", " + this.contentId + "]";
	}

}
