package io.voucher.registry.admission;

import io.voucher.crypto.pki.DeviceCertificate;

/**
 * Tells which trusted root a validated device certificate chains to; the application
 * knows the trust anchors.
 */
public interface DeviceOrigins {

	/**
	 * The root a device certificate chains to.
	 * @param device a device certificate whose chain was validated
	 * @return its origin
	 * @throws DeviceRefusedException {@code ROOT_NOT_ADMITTED} when it chains to no root
	 * trusted now
	 */
	DeviceOrigin originOf(DeviceCertificate device);

}
