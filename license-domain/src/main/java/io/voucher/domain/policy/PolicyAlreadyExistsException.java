package io.voucher.domain.policy;

/**
 * The provider already has a policy of that name.
 */
public class PolicyAlreadyExistsException extends RuntimeException {

	public PolicyAlreadyExistsException(String name) {
		super("A policy named '" + name + "' already exists");
	}

}
