package io.voucher.client;

import io.voucher.crypto.pki.HdcpVersion;

/**
 * The HDCP version the device's current output really offers (the platform layer knows: a
 * TV panel, an HDMI sink without HDCP, a screen recorder…). Asked at every play.
 */
@FunctionalInterface
public interface OutputProtection {

	/**
	 * The HDCP version of the current output.
	 * @return the version
	 */
	HdcpVersion currentHdcp();

	/**
	 * An output that always offers the same version.
	 * @param version the version
	 * @return the output
	 */
	static OutputProtection fixed(HdcpVersion version) {
		return () -> version;
	}

}
