package io.voucher.domain.policy;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The name of a stored policy, as given in the license message's {@code policy_name}: 1
 * to 100 characters of letters, digits, '.', '_' and '-'.
 *
 * @param value the name
 */
public record PolicyName(String value) {

	private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

	public PolicyName {
		if (!FORMAT.matcher(value).matches()) {
			throw new InvalidPolicyException(List.of(new PolicyViolation("policy_name",
					"must be 1-100 characters of letters, digits, '.', '_' or '-', starting with a letter or digit")));
		}
	}

	@Override
	public String toString() {
		return this.value;
	}

}
