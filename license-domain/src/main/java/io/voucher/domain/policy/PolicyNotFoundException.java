package io.voucher.domain.policy;

/**
 * The provider has no policy of that name.
 */
public class PolicyNotFoundException extends RuntimeException {

	public PolicyNotFoundException(String name) {
		super("No policy named '" + name + "'");
	}

}
