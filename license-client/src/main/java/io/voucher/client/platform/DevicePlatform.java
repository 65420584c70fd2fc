package io.voucher.client.platform;

import java.net.URI;
import java.util.List;

import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.group.GroupId;
import io.voucher.crypto.pki.DeviceFingerprint;
import io.voucher.crypto.pki.DeviceProfile;

/**
 * The device API of a Voucher platform, as the SDK uses it. Signed requests are built and
 * signed by the SDK; an implementation only carries them. {@link HttpDevicePlatform}
 * talks to a running platform; tests may implement it in process. Every method throws
 * {@link io.voucher.client.DrmException} on failure.
 */
public interface DevicePlatform {

	/**
	 * Certifies a device key ({@code POST /device/v1/individualization}).
	 * @param csr the PKCS#10 request (DER)
	 * @param profile make, model, claimed security level and HDCP
	 * @return the certificate chain (DER), device certificate first
	 */
	List<byte[]> individualize(byte[] csr, DeviceProfile profile);

	/**
	 * The license root devices pin ({@code GET /device/v1/trust}).
	 * @return the root certificate (PEM)
	 */
	String licenseRootPem();

	/**
	 * Registers a generated ID ({@code POST /device/v1/registrations}).
	 * @param registration the signed registration request
	 * @return the answer
	 */
	RegistrationAnswer register(String registration);

	/**
	 * The bundle of a generated ID.
	 * @param generatedId the generated ID
	 * @return the bundle
	 */
	LicenseBundle bundle(GeneratedId generatedId);

	/**
	 * A bundle from any HTTP server or CDN (an exported copy).
	 * @param url the bundle's URL, absolute or relative to the platform
	 * @return the bundle
	 */
	LicenseBundle bundle(URI url);

	/**
	 * The bundle of a device group.
	 * @param groupId the group
	 * @return the bundle
	 */
	LicenseBundle groupBundle(GroupId groupId);

	/**
	 * Joins a group with a signed JOIN request.
	 * @param groupId the group
	 * @param request the signed request
	 * @return the group credential
	 */
	GroupCredentialAnswer joinGroup(GroupId groupId, String request);

	/**
	 * Fetches the group's current credential with a signed CREDENTIAL request.
	 * @param groupId the group
	 * @param request the signed request
	 * @return the group credential
	 */
	GroupCredentialAnswer groupCredential(GroupId groupId, String request);

	/**
	 * Leaves a group with a signed LEAVE request.
	 * @param groupId the group
	 * @param fingerprint this device's fingerprint
	 * @param request the signed request
	 * @return the group's new key generation
	 */
	long leaveGroup(GroupId groupId, DeviceFingerprint fingerprint, String request);

	/**
	 * The signed revocation list ({@code GET /device/v1/revocation-list}).
	 * @return the compact JWS
	 */
	String revocationList();

}
