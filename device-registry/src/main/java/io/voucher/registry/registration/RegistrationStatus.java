package io.voucher.registry.registration;

/**
 * Where a registration is.
 */
public enum RegistrationStatus {

	/** Registered; its licenses are current. */
	ACTIVE,
	/** Replaced after a factory reset; its entitlements moved to another generated ID. */
	SUPERSEDED,
	/** Its device certificate was revoked. */
	REVOKED

}
