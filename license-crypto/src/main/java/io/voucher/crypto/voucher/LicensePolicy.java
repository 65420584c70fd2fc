package io.voucher.crypto.voucher;

import java.util.LinkedHashMap;
import java.util.Map;

import io.voucher.crypto.internal.Claims;
import org.jspecify.annotations.Nullable;

/**
 * The resolved playback policy of a license, field for field the Widevine template's
 * policy (its JSON names in {@link #toClaims()}); durations in seconds, 0 meaning
 * unlimited.
 *
 * @param canPlay {@code can_play}
 * @param canPersist {@code can_persist}
 * @param canRenew {@code can_renew}
 * @param rentalDurationSeconds {@code rental_duration_seconds}
 * @param playbackDurationSeconds {@code playback_duration_seconds}
 * @param licenseDurationSeconds {@code license_duration_seconds}
 * @param renewalRecoveryDurationSeconds {@code renewal_recovery_duration_seconds}
 * @param renewalServerUrl {@code renewal_server_url}
 * @param renewalDelaySeconds {@code renewal_delay_seconds}
 * @param renewalRetryIntervalSeconds {@code renewal_retry_interval_seconds}
 * @param renewWithUsage {@code renew_with_usage}
 * @param alwaysIncludeClientId {@code always_include_client_id}
 * @param playStartGracePeriodSeconds {@code play_start_grace_period_seconds}
 * @param softEnforcePlaybackDuration {@code soft_enforce_playback_duration}
 * @param softEnforceRentalDuration {@code soft_enforce_rental_duration}
 */
public record LicensePolicy(boolean canPlay, boolean canPersist, boolean canRenew, long rentalDurationSeconds,
		long playbackDurationSeconds, long licenseDurationSeconds, long renewalRecoveryDurationSeconds,
		@Nullable String renewalServerUrl, long renewalDelaySeconds, long renewalRetryIntervalSeconds,
		boolean renewWithUsage, boolean alwaysIncludeClientId, long playStartGracePeriodSeconds,
		boolean softEnforcePlaybackDuration, boolean softEnforceRentalDuration) {

	public LicensePolicy {
		for (long duration : new long[] { rentalDurationSeconds, playbackDurationSeconds, licenseDurationSeconds,
				renewalRecoveryDurationSeconds, renewalDelaySeconds, renewalRetryIntervalSeconds,
				playStartGracePeriodSeconds }) {
			if (duration < 0) {
				throw new IllegalArgumentException("policy durations must not be negative");
			}
		}
	}

	/**
	 * A builder starting from the template's defaults (everything false or 0) with
	 * {@code can_play} true.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The policy as JSON claims with the template's field names.
	 * @return the claims
	 */
	public Map<String, Object> toClaims() {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("can_play", this.canPlay);
		claims.put("can_persist", this.canPersist);
		claims.put("can_renew", this.canRenew);
		claims.put("rental_duration_seconds", this.rentalDurationSeconds);
		claims.put("playback_duration_seconds", this.playbackDurationSeconds);
		claims.put("license_duration_seconds", this.licenseDurationSeconds);
		claims.put("renewal_recovery_duration_seconds", this.renewalRecoveryDurationSeconds);
		if (this.renewalServerUrl != null) {
			claims.put("renewal_server_url", this.renewalServerUrl);
		}
		claims.put("renewal_delay_seconds", this.renewalDelaySeconds);
		claims.put("renewal_retry_interval_seconds", this.renewalRetryIntervalSeconds);
		claims.put("renew_with_usage", this.renewWithUsage);
		claims.put("always_include_client_id", this.alwaysIncludeClientId);
		claims.put("play_start_grace_period_seconds", this.playStartGracePeriodSeconds);
		claims.put("soft_enforce_playback_duration", this.softEnforcePlaybackDuration);
		claims.put("soft_enforce_rental_duration", this.softEnforceRentalDuration);
		return claims;
	}

	/**
	 * Reads a policy from JSON claims (absent fields take the template defaults).
	 * @param claims the claims
	 * @return the policy
	 */
	public static LicensePolicy fromClaims(Map<String, Object> claims) {
		Claims c = new Claims(claims);
		return new LicensePolicy(bool(claims, "can_play"), bool(claims, "can_persist"), bool(claims, "can_renew"),
				number(c, "rental_duration_seconds"), number(c, "playback_duration_seconds"),
				number(c, "license_duration_seconds"), number(c, "renewal_recovery_duration_seconds"),
				c.optionalString("renewal_server_url"), number(c, "renewal_delay_seconds"),
				number(c, "renewal_retry_interval_seconds"), bool(claims, "renew_with_usage"),
				bool(claims, "always_include_client_id"), number(c, "play_start_grace_period_seconds"),
				bool(claims, "soft_enforce_playback_duration"), bool(claims, "soft_enforce_rental_duration"));
	}

	private static boolean bool(Map<String, Object> claims, String name) {
		Object value = claims.get(name);
		if (value == null) {
			return false;
		}
		if (!(value instanceof Boolean flag)) {
			throw new IllegalArgumentException(name + " is not a boolean");
		}
		return flag;
	}

	private static long number(Claims claims, String name) {
		return claims.has(name) ? claims.number(name) : 0;
	}

	/**
	 * Builds a policy.
	 */
	public static final class Builder {

		private boolean canPlay = true;

		private boolean canPersist;

		private boolean canRenew;

		private long rentalDurationSeconds;

		private long playbackDurationSeconds;

		private long licenseDurationSeconds;

		private long renewalRecoveryDurationSeconds;

		private @Nullable String renewalServerUrl;

		private long renewalDelaySeconds;

		private long renewalRetryIntervalSeconds;

		private boolean renewWithUsage;

		private boolean alwaysIncludeClientId;

		private long playStartGracePeriodSeconds;

		private boolean softEnforcePlaybackDuration;

		private boolean softEnforceRentalDuration;

		private Builder() {
		}

		public Builder canPlay(boolean value) {
			this.canPlay = value;
			return this;
		}

		public Builder canPersist(boolean value) {
			this.canPersist = value;
			return this;
		}

		public Builder canRenew(boolean value) {
			this.canRenew = value;
			return this;
		}

		public Builder rentalDurationSeconds(long value) {
			this.rentalDurationSeconds = value;
			return this;
		}

		public Builder playbackDurationSeconds(long value) {
			this.playbackDurationSeconds = value;
			return this;
		}

		public Builder licenseDurationSeconds(long value) {
			this.licenseDurationSeconds = value;
			return this;
		}

		public Builder renewalRecoveryDurationSeconds(long value) {
			this.renewalRecoveryDurationSeconds = value;
			return this;
		}

		public Builder renewalServerUrl(@Nullable String value) {
			this.renewalServerUrl = value;
			return this;
		}

		public Builder renewalDelaySeconds(long value) {
			this.renewalDelaySeconds = value;
			return this;
		}

		public Builder renewalRetryIntervalSeconds(long value) {
			this.renewalRetryIntervalSeconds = value;
			return this;
		}

		public Builder renewWithUsage(boolean value) {
			this.renewWithUsage = value;
			return this;
		}

		public Builder alwaysIncludeClientId(boolean value) {
			this.alwaysIncludeClientId = value;
			return this;
		}

		public Builder playStartGracePeriodSeconds(long value) {
			this.playStartGracePeriodSeconds = value;
			return this;
		}

		public Builder softEnforcePlaybackDuration(boolean value) {
			this.softEnforcePlaybackDuration = value;
			return this;
		}

		public Builder softEnforceRentalDuration(boolean value) {
			this.softEnforceRentalDuration = value;
			return this;
		}

		public LicensePolicy build() {
			return new LicensePolicy(this.canPlay, this.canPersist, this.canRenew, this.rentalDurationSeconds,
					this.playbackDurationSeconds, this.licenseDurationSeconds, this.renewalRecoveryDurationSeconds,
					this.renewalServerUrl, this.renewalDelaySeconds, this.renewalRetryIntervalSeconds,
					this.renewWithUsage, this.alwaysIncludeClientId, this.playStartGracePeriodSeconds,
					this.softEnforcePlaybackDuration, this.softEnforceRentalDuration);
		}

	}

}
