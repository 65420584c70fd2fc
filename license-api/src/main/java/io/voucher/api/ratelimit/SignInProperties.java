package io.voucher.api.ratelimit;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Protection of admin sign-in (HTTP Basic and the console session) against password
 * guessing. Failures are counted in the database, so the limits hold across all nodes.
 *
 * @param accountMaxFailures failed sign-ins of one account (a user name, whether or not
 * it exists) after which it is locked: every sign-in then answers 429, even with the
 * right password
 * @param accountLockout the first lock-out; each further failure after it doubles the
 * next one
 * @param accountMaxLockout the longest lock-out
 * @param addressMaxFailures failed sign-ins from one client address within
 * {@code addressWindow} after which that address may not sign in until the window ends
 * @param addressWindow the window of the address limit
 * @param forgetAfter failures older than this are forgotten (an account's count starts
 * again); at least {@code addressWindow}
 */
@ConfigurationProperties("voucher.sign-in")
public record SignInProperties(@DefaultValue("5") int accountMaxFailures, @DefaultValue("1m") Duration accountLockout,
		@DefaultValue("1h") Duration accountMaxLockout, @DefaultValue("30") int addressMaxFailures,
		@DefaultValue("15m") Duration addressWindow, @DefaultValue("24h") Duration forgetAfter) {

	public SignInProperties {
		if (accountMaxFailures < 1 || addressMaxFailures < 1) {
			throw new IllegalArgumentException(
					"voucher.sign-in.account-max-failures and address-max-failures must be at least 1");
		}
		if (!isPositive(accountLockout) || !isPositive(addressWindow) || !isPositive(forgetAfter)
				|| accountMaxLockout.compareTo(accountLockout) < 0) {
			throw new IllegalArgumentException("voucher.sign-in durations must be positive, "
					+ "and account-max-lockout at least account-lockout");
		}
		if (forgetAfter.compareTo(addressWindow) < 0) {
			throw new IllegalArgumentException("voucher.sign-in.forget-after must be at least address-window");
		}
	}

	private static boolean isPositive(Duration duration) {
		return !duration.isNegative() && !duration.isZero();
	}

}
