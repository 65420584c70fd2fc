package io.voucher.crypto.voucher;

/**
 * The license types of the Widevine template.
 */
public enum LicenseType {

	/** A license for online playback, not persisted. */
	STREAMING,

	/** A persistent license for offline playback. */
	OFFLINE

}
