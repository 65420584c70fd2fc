package io.voucher.client;

/**
 * The provider's license proxy, as the SDK sees it: a signed challenge in, a license out.
 * The provider's backend adds what only it knows (its credential, the policy, the
 * entitlement check) and posts the license message to Voucher's {@code /api/v1/licenses};
 * the device never holds a provider credential.
 */
@FunctionalInterface
public interface LicenseProxy {

	/**
	 * Asks for a license.
	 * @param challenge the device's signed challenge (compact JWS)
	 * @return the license (the compact JWS's bytes, or their base64, as Voucher's license
	 * response carries it)
	 * @throws DrmException {@link DrmError#LICENSE_REQUEST_DENIED} when refused,
	 * {@link DrmError#PLATFORM_UNREACHABLE} when it cannot be reached
	 */
	byte[] requestLicense(String challenge);

}
