package io.voucher.domain.policy;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PlaybackPolicyTests {

	static final PlaybackPolicy RENTAL = PlaybackPolicy.builder()
		.canPlay(true)
		.canPersist(true)
		.rentalDurationSeconds(48 * 3600)
		.playbackDurationSeconds(4 * 3600)
		.build();

	@Test
	void defaultsAreTheTemplates() {
		PlaybackPolicy defaults = PlaybackPolicy.builder().build();

		assertThat(defaults).isEqualTo(PlaybackPolicy.DEFAULTS);
		assertThat(defaults.canPlay()).isFalse();
		assertThat(defaults.canPersist()).isFalse();
		assertThat(defaults.canRenew()).isFalse();
		assertThat(defaults.licenseDurationSeconds()).isZero();
		assertThat(defaults.renewalServerUrl()).isNull();
	}

	@Test
	void resolveWhenStoredAndOverridesThenOverridesWinFieldByField() {
		PolicyOverrides overrides = new PolicyOverrides(null, false, null, 3600L, null, null, null, null, null, null,
				null);

		PlaybackPolicy resolved = PlaybackPolicy.resolve(RENTAL, overrides, false);

		assertThat(resolved.canPlay()).isTrue();
		assertThat(resolved.canPersist()).isFalse();
		assertThat(resolved.licenseDurationSeconds()).isEqualTo(3600);
		assertThat(resolved.rentalDurationSeconds()).isEqualTo(48 * 3600);
		assertThat(resolved.playbackDurationSeconds()).isEqualTo(4 * 3600);
	}

	@Test
	void resolveWhenOverridesExclusiveThenStoredPolicyIgnored() {
		PolicyOverrides overrides = new PolicyOverrides(true, null, null, null, null, null, null, null, null, null,
				null);

		PlaybackPolicy resolved = PlaybackPolicy.resolve(RENTAL, overrides, true);

		assertThat(resolved).isEqualTo(PlaybackPolicy.builder().canPlay(true).build());
	}

	@Test
	void resolveWhenNoStoredPolicyThenOverridesOverDefaults() {
		assertThat(PlaybackPolicy.resolve(null, PolicyOverrides.NONE, false)).isEqualTo(PlaybackPolicy.DEFAULTS);
	}

	@Test
	void buildWhenNegativeDurationsThenOneViolationPerField() {
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> PlaybackPolicy.builder()
				.licenseDurationSeconds(-1)
				.rentalDurationSeconds(-2)
				.playbackDurationSeconds(-3)
				.build())
			.satisfies((ex) -> assertThat(ex.violations()).extracting(PolicyViolation::field)
				.containsExactly("license_duration_seconds", "rental_duration_seconds", "playback_duration_seconds"));
	}

	@Test
	void buildWhenDurationHugeThenRefused() {
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> PlaybackPolicy.builder().rentalDurationSeconds(Long.MAX_VALUE).build())
			.satisfies(
					(ex) -> assertThat(ex.violations()).containsExactly(new PolicyViolation("rental_duration_seconds",
							"must be at most " + PlaybackPolicy.MAX_DURATION_SECONDS + " (100 years)")));
	}

	@Test
	void buildWhenRenewalFieldsWithoutCanRenewThenEachRefused() {
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> PlaybackPolicy.builder()
				.renewalServerUrl(URI.create("https://renew.example/"))
				.renewalDelaySeconds(60)
				.renewalRetryIntervalSeconds(10)
				.renewalRecoveryDurationSeconds(30)
				.renewWithUsage(true)
				.build())
			.satisfies((ex) -> assertThat(ex.violations()).extracting(PolicyViolation::field)
				.containsExactly("renewal_server_url", "renewal_delay_seconds", "renewal_retry_interval_seconds",
						"renewal_recovery_duration_seconds", "renew_with_usage"));
	}

	@Test
	void buildWhenRenewalFieldsWithCanRenewThenAccepted() {
		PlaybackPolicy renewable = PlaybackPolicy.builder()
			.canPlay(true)
			.canRenew(true)
			.licenseDurationSeconds(600)
			.renewalServerUrl(URI.create("https://renew.example/license"))
			.renewalDelaySeconds(300)
			.renewalRetryIntervalSeconds(15)
			.renewalRecoveryDurationSeconds(120)
			.renewWithUsage(true)
			.build();

		assertThat(renewable.renewalServerUrl()).hasToString("https://renew.example/license");
		assertThat(renewable.asOverrides().renewalServerUrl()).isEqualTo("https://renew.example/license");
	}

	@Test
	void buildWhenFirstRenewalAfterExpiryThenRefused() {
		assertThatExceptionOfType(InvalidPolicyException.class)
			.isThrownBy(() -> PlaybackPolicy.builder()
				.canRenew(true)
				.licenseDurationSeconds(60)
				.renewalDelaySeconds(120)
				.build())
			.satisfies((ex) -> assertThat(ex.violations()).extracting(PolicyViolation::field)
				.containsExactly("renewal_delay_seconds"));
	}

	@Test
	void overlayWhenRenewalUrlNotHttpThenRefused() {
		PlaybackPolicy renewable = PlaybackPolicy.builder().canRenew(true).build();

		for (String bad : new String[] { "ftp://renew.example/", "/relative/path", "https://", "not a url" }) {
			PolicyOverrides overrides = new PolicyOverrides(null, null, null, null, null, null, bad, null, null, null,
					null);
			assertThatExceptionOfType(InvalidPolicyException.class).as(bad)
				.isThrownBy(() -> renewable.overlay(overrides))
				.satisfies((ex) -> assertThat(ex.violations()).extracting(PolicyViolation::field)
					.containsExactly("renewal_server_url"));
		}
	}

	@Test
	void asOverridesThenOverlayOnDefaultsGivesSamePolicy() {
		assertThat(PlaybackPolicy.DEFAULTS.overlay(RENTAL.asOverrides())).isEqualTo(RENTAL);
	}

}
