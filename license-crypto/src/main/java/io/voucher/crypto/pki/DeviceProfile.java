package io.voucher.crypto.pki;

import java.util.Objects;

/**
 * What the Device CA writes into a device certificate besides the key: make and model (in
 * the subject) and the device attributes (in the extension).
 *
 * @param make the manufacturer, written as the subject's O
 * @param model the model, written as the subject's OU
 * @param securityLevel the device's security level
 * @param maxHdcp the highest HDCP version the device's outputs support
 */
public record DeviceProfile(String make, String model, SecurityLevel securityLevel, HdcpVersion maxHdcp) {

	public DeviceProfile {
		Objects.requireNonNull(securityLevel, "securityLevel");
		Objects.requireNonNull(maxHdcp, "maxHdcp");
		if (make.isBlank() || model.isBlank()) {
			throw new IllegalArgumentException("make and model must not be blank");
		}
		if (make.length() > 64 || model.length() > 64) {
			throw new IllegalArgumentException("make and model are at most 64 characters");
		}
	}

}
