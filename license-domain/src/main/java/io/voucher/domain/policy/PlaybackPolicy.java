package io.voucher.domain.policy;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.voucher.crypto.voucher.LicensePolicy;
import org.jspecify.annotations.Nullable;

/**
 * A complete, valid set of the license template's policy fields. Instances are only made
 * through {@link #builder()} or {@link #overlay(PolicyOverrides)}, which refuse invalid
 * combinations with every violation at once.
 *
 * @param canPlay whether playback is allowed
 * @param canPersist whether the license may be kept for offline use
 * @param canRenew whether the license may be renewed
 * @param licenseDurationSeconds license validity; 0 is unlimited
 * @param rentalDurationSeconds time in which playback may start; 0 is unlimited
 * @param playbackDurationSeconds viewing window after first play; 0 is unlimited
 * @param renewalServerUrl where renewals go, or {@code null} for this server
 * @param renewalDelaySeconds seconds before the first renewal
 * @param renewalRetryIntervalSeconds seconds between failed renewal attempts
 * @param renewalRecoveryDurationSeconds playback allowed while renewal fails; 0 is
 * unlimited
 * @param renewWithUsage whether renewal starts with usage
 */
public record PlaybackPolicy(boolean canPlay, boolean canPersist, boolean canRenew, long licenseDurationSeconds,
		long rentalDurationSeconds, long playbackDurationSeconds, @Nullable URI renewalServerUrl,
		long renewalDelaySeconds, long renewalRetryIntervalSeconds, long renewalRecoveryDurationSeconds,
		boolean renewWithUsage) {

	/**
	 * The largest duration accepted, 100 years: enough for "as good as forever" without
	 * overflowing time arithmetic.
	 */
	public static final long MAX_DURATION_SECONDS = 100L * 366 * 24 * 3600;

	/** Longest accepted renewal URL. */
	public static final int MAX_URL_LENGTH = 2048;

	/** The template's defaults: nothing allowed, every duration unlimited. */
	public static final PlaybackPolicy DEFAULTS = new PlaybackPolicy(false, false, false, 0, 0, 0, null, 0, 0, 0,
			false);

	public PlaybackPolicy {
		List<PolicyViolation> violations = violations(canRenew, licenseDurationSeconds, rentalDurationSeconds,
				playbackDurationSeconds, renewalServerUrl, renewalDelaySeconds, renewalRetryIntervalSeconds,
				renewalRecoveryDurationSeconds, renewWithUsage);
		if (!violations.isEmpty()) {
			throw new InvalidPolicyException(violations);
		}
	}

	/**
	 * Starts a policy from the template's defaults.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder(DEFAULTS);
	}

	/**
	 * Returns a builder starting from this policy.
	 * @return a builder
	 */
	public Builder toBuilder() {
		return new Builder(this);
	}

	/**
	 * Lays overrides over this policy: every field the overrides set replaces this
	 * policy's value.
	 * @param overrides the overrides
	 * @return the resulting policy
	 * @throws InvalidPolicyException if the result is invalid, with every violation
	 */
	public PlaybackPolicy overlay(PolicyOverrides overrides) {
		Builder builder = toBuilder();
		List<PolicyViolation> violations = new ArrayList<>();
		if (overrides.canPlay() != null) {
			builder.canPlay(overrides.canPlay());
		}
		if (overrides.canPersist() != null) {
			builder.canPersist(overrides.canPersist());
		}
		if (overrides.canRenew() != null) {
			builder.canRenew(overrides.canRenew());
		}
		if (overrides.licenseDurationSeconds() != null) {
			builder.licenseDurationSeconds(overrides.licenseDurationSeconds());
		}
		if (overrides.rentalDurationSeconds() != null) {
			builder.rentalDurationSeconds(overrides.rentalDurationSeconds());
		}
		if (overrides.playbackDurationSeconds() != null) {
			builder.playbackDurationSeconds(overrides.playbackDurationSeconds());
		}
		if (overrides.renewalServerUrl() != null) {
			URI url = parseUrl(overrides.renewalServerUrl(), violations);
			builder.renewalServerUrl(url);
		}
		if (overrides.renewalDelaySeconds() != null) {
			builder.renewalDelaySeconds(overrides.renewalDelaySeconds());
		}
		if (overrides.renewalRetryIntervalSeconds() != null) {
			builder.renewalRetryIntervalSeconds(overrides.renewalRetryIntervalSeconds());
		}
		if (overrides.renewalRecoveryDurationSeconds() != null) {
			builder.renewalRecoveryDurationSeconds(overrides.renewalRecoveryDurationSeconds());
		}
		if (overrides.renewWithUsage() != null) {
			builder.renewWithUsage(overrides.renewWithUsage());
		}
		List<PolicyViolation> fieldViolations = builder.violations();
		violations.addAll(fieldViolations);
		if (!violations.isEmpty()) {
			throw new InvalidPolicyException(violations);
		}
		return builder.build();
	}

	/**
	 * Resolves the policy of one license as the license template does: the stored policy
	 * (or the defaults when there is none) overlaid with the request's overrides, or the
	 * overrides alone over the defaults when {@code useOverridesExclusively} is set.
	 * @param stored the named policy, if the request names one
	 * @param overrides the request's overrides
	 * @param useOverridesExclusively whether stored policies are ignored
	 * @return the resolved policy
	 * @throws InvalidPolicyException if the result is invalid
	 */
	public static PlaybackPolicy resolve(@Nullable PlaybackPolicy stored, PolicyOverrides overrides,
			boolean useOverridesExclusively) {
		PlaybackPolicy base = (useOverridesExclusively || stored == null) ? DEFAULTS : stored;
		return base.overlay(overrides);
	}

	/**
	 * How long a license under this policy is valid: its license duration, or
	 * {@link #MAX_DURATION_SECONDS} when unlimited (a license still needs an expiry).
	 * @return the license's validity
	 */
	public Duration licenseDuration() {
		return Duration
			.ofSeconds((this.licenseDurationSeconds > 0) ? this.licenseDurationSeconds : MAX_DURATION_SECONDS);
	}

	/**
	 * This policy as it travels in a license, under the template's field names.
	 * @return the license policy
	 */
	public LicensePolicy toLicensePolicy() {
		return LicensePolicy.builder()
			.canPlay(this.canPlay)
			.canPersist(this.canPersist)
			.canRenew(this.canRenew)
			.licenseDurationSeconds(this.licenseDurationSeconds)
			.rentalDurationSeconds(this.rentalDurationSeconds)
			.playbackDurationSeconds(this.playbackDurationSeconds)
			.renewalServerUrl((this.renewalServerUrl != null) ? this.renewalServerUrl.toString() : null)
			.renewalDelaySeconds(this.renewalDelaySeconds)
			.renewalRetryIntervalSeconds(this.renewalRetryIntervalSeconds)
			.renewalRecoveryDurationSeconds(this.renewalRecoveryDurationSeconds)
			.renewWithUsage(this.renewWithUsage)
			.build();
	}

	/**
	 * Expresses this policy as overrides that set every field, e.g. to store or show it.
	 * @return overrides equal to this policy
	 */
	public PolicyOverrides asOverrides() {
		return new PolicyOverrides(this.canPlay, this.canPersist, this.canRenew, this.licenseDurationSeconds,
				this.rentalDurationSeconds, this.playbackDurationSeconds,
				(this.renewalServerUrl != null) ? this.renewalServerUrl.toString() : null, this.renewalDelaySeconds,
				this.renewalRetryIntervalSeconds, this.renewalRecoveryDurationSeconds, this.renewWithUsage);
	}

	/**
	 * Parses a renewal URL as given in a request.
	 * @param value the URL text
	 * @return the URL
	 * @throws InvalidPolicyException if it is not an absolute http(s) URL
	 */
	public static URI renewalUrl(String value) {
		List<PolicyViolation> violations = new ArrayList<>();
		URI url = parseUrl(value, violations);
		if (url == null) {
			throw new InvalidPolicyException(violations);
		}
		return url;
	}

	private static @Nullable URI parseUrl(String value, List<PolicyViolation> violations) {
		if (value.length() > MAX_URL_LENGTH) {
			violations
				.add(new PolicyViolation("renewal_server_url", "must be at most " + MAX_URL_LENGTH + " characters"));
			return null;
		}
		try {
			URI url = new URI(value);
			String scheme = (url.getScheme() != null) ? url.getScheme().toLowerCase(Locale.ROOT) : "";
			if (!url.isAbsolute() || url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
				violations.add(new PolicyViolation("renewal_server_url", "must be an absolute http or https URL"));
				return null;
			}
			return url;
		}
		catch (URISyntaxException ex) {
			violations.add(new PolicyViolation("renewal_server_url", "is not a valid URL"));
			return null;
		}
	}

	private static List<PolicyViolation> violations(boolean canRenew, long licenseDurationSeconds,
			long rentalDurationSeconds, long playbackDurationSeconds, @Nullable URI renewalServerUrl,
			long renewalDelaySeconds, long renewalRetryIntervalSeconds, long renewalRecoveryDurationSeconds,
			boolean renewWithUsage) {
		List<PolicyViolation> violations = new ArrayList<>();
		duration(violations, "license_duration_seconds", licenseDurationSeconds);
		duration(violations, "rental_duration_seconds", rentalDurationSeconds);
		duration(violations, "playback_duration_seconds", playbackDurationSeconds);
		duration(violations, "renewal_delay_seconds", renewalDelaySeconds);
		duration(violations, "renewal_retry_interval_seconds", renewalRetryIntervalSeconds);
		duration(violations, "renewal_recovery_duration_seconds", renewalRecoveryDurationSeconds);
		if (!canRenew) {
			// The template: these fields are used only when can_renew is true; setting
			// them otherwise is a mistake worth telling.
			renewalOnly(violations, "renewal_server_url", renewalServerUrl != null);
			renewalOnly(violations, "renewal_delay_seconds", renewalDelaySeconds != 0);
			renewalOnly(violations, "renewal_retry_interval_seconds", renewalRetryIntervalSeconds != 0);
			renewalOnly(violations, "renewal_recovery_duration_seconds", renewalRecoveryDurationSeconds != 0);
			renewalOnly(violations, "renew_with_usage", renewWithUsage);
		}
		if (canRenew && licenseDurationSeconds > 0 && renewalDelaySeconds > licenseDurationSeconds) {
			violations.add(new PolicyViolation("renewal_delay_seconds",
					"must not exceed license_duration_seconds, or the license expires before its first renewal"));
		}
		return violations;
	}

	private static void duration(List<PolicyViolation> violations, String field, long value) {
		if (value < 0) {
			violations.add(new PolicyViolation(field, "must not be negative"));
		}
		else if (value > MAX_DURATION_SECONDS) {
			violations.add(new PolicyViolation(field, "must be at most " + MAX_DURATION_SECONDS + " (100 years)"));
		}
	}

	private static void renewalOnly(List<PolicyViolation> violations, String field, boolean set) {
		if (set) {
			violations.add(new PolicyViolation(field, "is only allowed when can_renew is true"));
		}
	}

	/**
	 * Builds a {@link PlaybackPolicy}; {@link #build()} refuses an invalid one.
	 */
	public static final class Builder {

		private boolean canPlay;

		private boolean canPersist;

		private boolean canRenew;

		private long licenseDurationSeconds;

		private long rentalDurationSeconds;

		private long playbackDurationSeconds;

		private @Nullable URI renewalServerUrl;

		private long renewalDelaySeconds;

		private long renewalRetryIntervalSeconds;

		private long renewalRecoveryDurationSeconds;

		private boolean renewWithUsage;

		private Builder(PlaybackPolicy from) {
			this.canPlay = from.canPlay;
			this.canPersist = from.canPersist;
			this.canRenew = from.canRenew;
			this.licenseDurationSeconds = from.licenseDurationSeconds;
			this.rentalDurationSeconds = from.rentalDurationSeconds;
			this.playbackDurationSeconds = from.playbackDurationSeconds;
			this.renewalServerUrl = from.renewalServerUrl;
			this.renewalDelaySeconds = from.renewalDelaySeconds;
			this.renewalRetryIntervalSeconds = from.renewalRetryIntervalSeconds;
			this.renewalRecoveryDurationSeconds = from.renewalRecoveryDurationSeconds;
			this.renewWithUsage = from.renewWithUsage;
		}

		public Builder canPlay(boolean canPlay) {
			this.canPlay = canPlay;
			return this;
		}

		public Builder canPersist(boolean canPersist) {
			this.canPersist = canPersist;
			return this;
		}

		public Builder canRenew(boolean canRenew) {
			this.canRenew = canRenew;
			return this;
		}

		public Builder licenseDurationSeconds(long seconds) {
			this.licenseDurationSeconds = seconds;
			return this;
		}

		public Builder rentalDurationSeconds(long seconds) {
			this.rentalDurationSeconds = seconds;
			return this;
		}

		public Builder playbackDurationSeconds(long seconds) {
			this.playbackDurationSeconds = seconds;
			return this;
		}

		public Builder renewalServerUrl(@Nullable URI url) {
			this.renewalServerUrl = url;
			return this;
		}

		public Builder renewalDelaySeconds(long seconds) {
			this.renewalDelaySeconds = seconds;
			return this;
		}

		public Builder renewalRetryIntervalSeconds(long seconds) {
			this.renewalRetryIntervalSeconds = seconds;
			return this;
		}

		public Builder renewalRecoveryDurationSeconds(long seconds) {
			this.renewalRecoveryDurationSeconds = seconds;
			return this;
		}

		public Builder renewWithUsage(boolean renewWithUsage) {
			this.renewWithUsage = renewWithUsage;
			return this;
		}

		List<PolicyViolation> violations() {
			return PlaybackPolicy.violations(this.canRenew, this.licenseDurationSeconds, this.rentalDurationSeconds,
					this.playbackDurationSeconds, this.renewalServerUrl, this.renewalDelaySeconds,
					this.renewalRetryIntervalSeconds, this.renewalRecoveryDurationSeconds, this.renewWithUsage);
		}

		/**
		 * Builds the policy.
		 * @return the policy
		 * @throws InvalidPolicyException with every violation, if invalid
		 */
		public PlaybackPolicy build() {
			return new PlaybackPolicy(this.canPlay, this.canPersist, this.canRenew, this.licenseDurationSeconds,
					this.rentalDurationSeconds, this.playbackDurationSeconds, this.renewalServerUrl,
					this.renewalDelaySeconds, this.renewalRetryIntervalSeconds, this.renewalRecoveryDurationSeconds,
					this.renewWithUsage);
		}

	}

}
