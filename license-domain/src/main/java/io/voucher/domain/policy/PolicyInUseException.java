package io.voucher.domain.policy;

/**
 * The policy cannot be deleted: live entitlements name it.
 */
public class PolicyInUseException extends RuntimeException {

	public PolicyInUseException(String name) {
		super("Policy '" + name + "' is named by live entitlements; withdraw them first");
	}

}
