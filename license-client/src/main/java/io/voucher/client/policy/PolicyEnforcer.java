package io.voucher.client.policy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.voucher.client.DrmError;
import io.voucher.client.DrmException;
import io.voucher.crypto.voucher.KeyGrant;
import io.voucher.crypto.voucher.LicensePolicy;
import io.voucher.crypto.voucher.LicenseTerms;
import org.jspecify.annotations.Nullable;

/**
 * Enforces a license's policy on the device, against an injected clock:
 * <ul>
 * <li>{@code can_play} false: no playback;</li>
 * <li>{@code license_duration_seconds}: the license ends that long after its start (its
 * not-before), and at its expiry in any case;</li>
 * <li>{@code rental_duration_seconds}: playback must start within that window from the
 * license start; unless {@code soft_enforce_rental_duration}, it also stops at its
 * end;</li>
 * <li>{@code playback_duration_seconds}: the viewing window from the first play; with
 * {@code soft_enforce_playback_duration} a play started inside it is not cut at its
 * end;</li>
 * <li>renewal ({@code can_renew}): due {@code renewal_delay_seconds} after the license
 * start, the first play ({@code renew_with_usage}) or the last renewal; retried every
 * {@code renewal_retry_interval_seconds}; playback goes on at most
 * {@code renewal_recovery_duration_seconds} past the due time (0: no limit);</li>
 * <li>each key's required security level and HDCP version against the device's: keys not
 * met are withheld, and playback is refused when none is left.</li>
 * </ul>
 * A duration of 0 means unlimited, as in the license template.
 */
public final class PolicyEnforcer {

	private final Clock clock;

	/**
	 * Creates an enforcer.
	 * @param clock the device clock
	 */
	public PolicyEnforcer(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Decides whether a license may play now on this device.
	 * @param terms the license's verified terms
	 * @param usage what the device recorded about its use
	 * @param device the device's security level and current output
	 * @return the decision, when it may
	 * @throws DrmException with the rule that refuses
	 */
	public PlaybackDecision authorize(LicenseTerms terms, Usage usage, DeviceCapabilities device) {
		Instant now = this.clock.instant();
		Instant mustStopAt = checkTerms(terms, usage, now);
		List<KeyGrant> usable = new ArrayList<>();
		List<PlaybackDecision.WithheldKey> withheld = new ArrayList<>();
		for (KeyGrant grant : terms.keys()) {
			if (!device.securityLevel().satisfies(grant.requiredSecurityLevel())) {
				withheld.add(new PlaybackDecision.WithheldKey(grant, DrmError.SECURITY_LEVEL_TOO_LOW));
			}
			else if (!device.outputHdcp().satisfies(grant.requiredHdcp())) {
				withheld.add(new PlaybackDecision.WithheldKey(grant, DrmError.OUTPUT_PROTECTION_UNMET));
			}
			else {
				usable.add(grant);
			}
		}
		if (usable.isEmpty()) {
			boolean output = withheld.stream().anyMatch((key) -> key.reason() == DrmError.OUTPUT_PROTECTION_UNMET);
			if (output) {
				throw new DrmException(DrmError.OUTPUT_PROTECTION_UNMET, "Every key of license " + terms.licenseId()
						+ " requires more output protection than the current output's " + device.outputHdcp());
			}
			throw new DrmException(DrmError.SECURITY_LEVEL_TOO_LOW, "Every key of license " + terms.licenseId()
					+ " requires a higher security level than the device's " + device.securityLevel().value());
		}
		Instant firstPlayedAt = (usage.firstPlayedAt() != null) ? usage.firstPlayedAt() : now;
		return new PlaybackDecision(usable, withheld, firstPlayedAt, mustStopAt, renewal(terms, usage));
	}

	/**
	 * Checks the license's time and policy rules without the device's capabilities (for
	 * listing stored licenses).
	 * @param terms the license's verified terms
	 * @param usage what the device recorded about its use
	 * @throws DrmException with the rule that refuses
	 */
	public void check(LicenseTerms terms, Usage usage) {
		checkTerms(terms, usage, this.clock.instant());
	}

	private @Nullable Instant checkTerms(LicenseTerms terms, Usage usage, Instant now) {
		LicensePolicy policy = terms.policy();
		String license = "License " + terms.licenseId();
		if (!policy.canPlay()) {
			throw new DrmException(DrmError.PLAYBACK_NOT_ALLOWED, license + " does not allow playback");
		}
		if (now.isBefore(terms.notBefore())) {
			throw new DrmException(DrmError.LICENSE_NOT_YET_VALID, license + " is valid from " + terms.notBefore());
		}
		Instant start = terms.notBefore();
		Instant mustStopAt = terms.expiresAt();
		if (!now.isBefore(terms.expiresAt())) {
			throw new DrmException(DrmError.LICENSE_EXPIRED, license + " expired at " + terms.expiresAt());
		}
		if (policy.licenseDurationSeconds() > 0) {
			Instant end = start.plusSeconds(policy.licenseDurationSeconds());
			if (!now.isBefore(end)) {
				throw new DrmException(DrmError.LICENSE_EXPIRED, license + "'s license duration ended at " + end);
			}
			mustStopAt = earliest(mustStopAt, end);
		}
		if (policy.rentalDurationSeconds() > 0) {
			Instant end = start.plusSeconds(policy.rentalDurationSeconds());
			boolean started = usage.firstPlayedAt() != null;
			if ((!started || !policy.softEnforceRentalDuration()) && !now.isBefore(end)) {
				throw new DrmException(DrmError.RENTAL_EXPIRED, license + "'s rental window ended at " + end);
			}
			if (!policy.softEnforceRentalDuration()) {
				mustStopAt = earliest(mustStopAt, end);
			}
		}
		if (policy.playbackDurationSeconds() > 0) {
			Instant firstPlay = (usage.firstPlayedAt() != null) ? usage.firstPlayedAt() : now;
			Instant end = firstPlay.plusSeconds(policy.playbackDurationSeconds());
			if (!now.isBefore(end)) {
				throw new DrmException(DrmError.PLAYBACK_DURATION_EXPIRED,
						license + "'s viewing window, from its first play at " + firstPlay + ", ended at " + end);
			}
			if (!policy.softEnforcePlaybackDuration()) {
				mustStopAt = earliest(mustStopAt, end);
			}
		}
		RenewalPlan renewal = renewal(terms, usage);
		if (renewal.recoveryDeadline() != null) {
			if (!now.isBefore(renewal.recoveryDeadline())) {
				throw new DrmException(DrmError.RENEWAL_REQUIRED, license + " had to be renewed by " + renewal.dueAt()
						+ "; its recovery window ended at " + renewal.recoveryDeadline());
			}
			mustStopAt = earliest(mustStopAt, renewal.recoveryDeadline());
		}
		return mustStopAt;
	}

	/**
	 * When a license must be renewed.
	 * @param terms the license's verified terms
	 * @param usage what the device recorded about its use
	 * @return the plan
	 */
	public RenewalPlan renewal(LicenseTerms terms, Usage usage) {
		LicensePolicy policy = terms.policy();
		if (!policy.canRenew()) {
			return RenewalPlan.NOT_RENEWABLE;
		}
		Instant anchor;
		if (usage.lastRenewedAt() != null) {
			anchor = usage.lastRenewedAt();
		}
		else if (policy.renewWithUsage()) {
			anchor = usage.firstPlayedAt();
		}
		else {
			anchor = terms.notBefore();
		}
		if (anchor == null) {
			// renew_with_usage: the renewal clock starts with the first play.
			return new RenewalPlan(true, null, null, null, policy.renewalServerUrl());
		}
		Instant dueAt = anchor.plusSeconds(policy.renewalDelaySeconds());
		Instant nextAttemptAt = dueAt;
		Instant failure = usage.lastRenewalFailureAt();
		if (failure != null && !failure.isBefore(dueAt)) {
			nextAttemptAt = failure.plus(Duration.ofSeconds(policy.renewalRetryIntervalSeconds()));
		}
		Instant recoveryDeadline = (policy.renewalRecoveryDurationSeconds() > 0)
				? dueAt.plusSeconds(policy.renewalRecoveryDurationSeconds()) : null;
		return new RenewalPlan(true, dueAt, nextAttemptAt, recoveryDeadline, policy.renewalServerUrl());
	}

	private static Instant earliest(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

}
