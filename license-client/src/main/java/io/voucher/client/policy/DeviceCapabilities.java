package io.voucher.client.policy;

import java.util.Objects;

import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.SecurityLevel;

/**
 * What the device offers at the moment of playback: its certified security level and the
 * HDCP version its current output really has (at most the certificate's maximum).
 *
 * @param securityLevel the device's security level
 * @param outputHdcp the HDCP version of the current output
 */
public record DeviceCapabilities(SecurityLevel securityLevel, HdcpVersion outputHdcp) {

	public DeviceCapabilities {
		Objects.requireNonNull(securityLevel, "securityLevel");
		Objects.requireNonNull(outputHdcp, "outputHdcp");
	}

}
