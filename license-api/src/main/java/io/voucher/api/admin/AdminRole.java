package io.voucher.api.admin;

/**
 * What an admin user may do.
 */
public enum AdminRole {

	/** Everything, including user management. */
	ADMIN,

	/** Manage providers' data, revoke, export; no user management. */
	OPERATOR,

	/** Read only, including the audit trail. */
	AUDITOR

}
