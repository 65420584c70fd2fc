package io.voucher.domain.policy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A policy was refused; {@link #violations()} lists every reason, one per field problem.
 */
public class InvalidPolicyException extends RuntimeException {

	private final List<PolicyViolation> violations;

	public InvalidPolicyException(List<PolicyViolation> violations) {
		super("Invalid policy: " + violations.stream()
			.map((violation) -> violation.field() + " " + violation.message())
			.collect(Collectors.joining("; ")));
		this.violations = List.copyOf(violations);
	}

	public List<PolicyViolation> violations() {
		return this.violations;
	}

}
