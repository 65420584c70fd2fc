package io.voucher.crypto.pki;

/**
 * The HDCP versions of the Widevine license template; in the device attributes extension
 * the DER ENUMERATED value is {@link #derValue()}. Declared in increasing order of
 * protection.
 */
public enum HdcpVersion {

	/** No HDCP (or no digital output). ENUMERATED 0. */
	HDCP_NONE,

	/** HDCP 1.x. ENUMERATED 1. */
	HDCP_V1,

	/** HDCP 2.x. ENUMERATED 2. */
	HDCP_V2;

	/**
	 * The DER ENUMERATED value.
	 * @return the value
	 */
	public int derValue() {
		return ordinal();
	}

	/**
	 * The version of a DER ENUMERATED value.
	 * @param value the value
	 * @return the version
	 * @throws IllegalArgumentException for an unknown value
	 */
	public static HdcpVersion ofDerValue(int value) {
		HdcpVersion[] values = values();
		if (value < 0 || value >= values.length) {
			throw new IllegalArgumentException("unknown HDCP value " + value);
		}
		return values[value];
	}

	/**
	 * Whether this (a device's maximum) meets a required version.
	 * @param required the required version
	 * @return whether it does
	 */
	public boolean satisfies(HdcpVersion required) {
		return compareTo(required) >= 0;
	}

}
