package io.voucher.api.device;

import io.voucher.crypto.pki.HdcpVersion;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a device may claim when the built-in Device CA individualizes it. A device cannot
 * prove its hardware to this endpoint, so the claims it may make are limited: a higher
 * claim is refused ({@code DEVICE_PROFILE_NOT_ALLOWED}), never lowered; devices with
 * stronger protection get certificates from their manufacturer's root instead.
 *
 * @param maxSecurityLevel the highest security level a self-individualized device may
 * claim (1 = software)
 * @param maxHdcp the highest HDCP version it may claim
 */
@ConfigurationProperties("voucher.devices.individualization")
public record IndividualizationProperties(@DefaultValue("1") int maxSecurityLevel,
		@DefaultValue("HDCP_V1") HdcpVersion maxHdcp) {

	public IndividualizationProperties {
		if (maxSecurityLevel < 1 || maxSecurityLevel > 5) {
			throw new IllegalArgumentException("voucher.devices.individualization.max-security-level must be 1 to 5");
		}
	}

}
