package io.voucher.api.ratelimit;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The failed sign-ins of one account or one client address, and how one more failure
 * changes them. Pure, so that the back-off rules can be read and tested apart from the
 * table that keeps them.
 *
 * @param failures failures counted in the current window (address) or since the last
 * success (account)
 * @param windowStart when the current counting window began
 * @param lastFailureAt the latest failure
 * @param lockedUntil until when every sign-in is refused, if locked
 */
record SignInCounter(int failures, Instant windowStart, Instant lastFailureAt, @Nullable Instant lockedUntil) {

	/** Lock-outs double up to this many times before the maximum caps them anyway. */
	private static final int MAX_DOUBLINGS = 30;

	/**
	 * Tells whether the counter refuses sign-ins at the given time.
	 * @param now the time
	 * @return whether it is locked then
	 */
	boolean lockedAt(Instant now) {
		return this.lockedUntil != null && this.lockedUntil.isAfter(now);
	}

	/**
	 * One more failed sign-in of an account: after {@code maxFailures} failures the
	 * account is locked for {@code lockout}, and each further failure (once the lock has
	 * run out) locks it twice as long as the one before, up to {@code maxLockout}.
	 * Failures older than {@code forgetAfter} no longer count.
	 * @param previous the counter so far, or {@code null} for none
	 * @param now the time of the failure
	 * @param properties the limits
	 * @return the new counter
	 */
	static SignInCounter accountFailure(@Nullable SignInCounter previous, Instant now, SignInProperties properties) {
		boolean fresh = previous == null
				|| !previous.lastFailureAt().plus(properties.forgetAfter()).isAfter(now) && !previous.lockedAt(now);
		int failures = fresh ? 1 : previous.failures() + 1;
		Instant windowStart = fresh ? now : previous.windowStart();
		Instant lockedUntil = fresh ? null : previous.lockedUntil();
		if (failures >= properties.accountMaxFailures()) {
			int doublings = Math.min(failures - properties.accountMaxFailures(), MAX_DOUBLINGS);
			Duration lockout = properties.accountLockout().multipliedBy(1L << doublings);
			if (lockout.compareTo(properties.accountMaxLockout()) > 0) {
				lockout = properties.accountMaxLockout();
			}
			Instant until = now.plus(lockout);
			lockedUntil = (lockedUntil != null && lockedUntil.isAfter(until)) ? lockedUntil : until;
		}
		return new SignInCounter(failures, windowStart, now, lockedUntil);
	}

	/**
	 * One more failed sign-in from a client address: after {@code addressMaxFailures}
	 * failures within one {@code addressWindow}, the address is locked until the window
	 * ends.
	 * @param previous the counter so far, or {@code null} for none
	 * @param now the time of the failure
	 * @param properties the limits
	 * @return the new counter
	 */
	static SignInCounter addressFailure(@Nullable SignInCounter previous, Instant now, SignInProperties properties) {
		boolean fresh = previous == null || !previous.windowStart().plus(properties.addressWindow()).isAfter(now);
		int failures = fresh ? 1 : previous.failures() + 1;
		Instant windowStart = fresh ? now : previous.windowStart();
		Instant lockedUntil = (failures >= properties.addressMaxFailures())
				? windowStart.plus(properties.addressWindow()) : null;
		return new SignInCounter(failures, windowStart, now, lockedUntil);
	}

}
