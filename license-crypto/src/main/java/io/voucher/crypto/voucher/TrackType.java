package io.voucher.crypto.voucher;

/**
 * The track types of the Widevine template, one content key each.
 */
public enum TrackType {

	/** Audio. */
	AUDIO,

	/** Video up to SD. */
	SD,

	/** Video up to HD. */
	HD,

	/** Video up to UHD (4K). */
	UHD1,

	/** Video beyond UHD1 (8K). */
	UHD2

}
