package io.voucher.crypto.challenge;

/**
 * What a challenge asks for.
 */
public enum RequestType {

	/** A new license. */
	NEW,

	/** The renewal of a license (license id and session token given). */
	RENEWAL,

	/** The release of an offline license (license id given). */
	RELEASE

}
