package io.voucher.client.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.voucher.client.DrmError;
import io.voucher.client.DrmException;
import io.voucher.crypto.pki.DeviceFingerprint;
import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.SecurityLevel;
import io.voucher.crypto.testing.TestClock;
import io.voucher.crypto.voucher.Binding;
import io.voucher.crypto.voucher.KeyGrant;
import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.LicensePolicy;
import io.voucher.crypto.voucher.LicenseTerms;
import io.voucher.crypto.voucher.LicenseType;
import io.voucher.crypto.voucher.TrackType;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Each policy rule, decided against a clock the test moves.
 */
class PolicyEnforcerTests {

	static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

	static final DeviceCapabilities LEVEL_1_NO_HDCP = new DeviceCapabilities(SecurityLevel.of(1),
			HdcpVersion.HDCP_NONE);

	static final KeyGrant SD = grant(TrackType.SD, 1, HdcpVersion.HDCP_NONE);

	final TestClock clock = new TestClock(START);

	final PolicyEnforcer enforcer = new PolicyEnforcer(this.clock);

	@Test
	void canPlayFalseRefusesPlayback() {
		LicenseTerms terms = terms(LicensePolicy.builder().canPlay(false).build());

		assertRefused(() -> this.enforcer.authorize(terms, Usage.NONE, LEVEL_1_NO_HDCP), DrmError.PLAYBACK_NOT_ALLOWED);
	}

	@Test
	void licenseNotYetStartedIsNotYetValid() {
		LicenseTerms terms = terms(LicensePolicy.builder().build());
		this.clock.set(START.minusSeconds(1));

		assertRefused(() -> this.enforcer.authorize(terms, Usage.NONE, LEVEL_1_NO_HDCP),
				DrmError.LICENSE_NOT_YET_VALID);
	}

	@Test
	void licenseDurationEndsTheLicenseThatLongAfterItsStart() {
		LicenseTerms terms = terms(LicensePolicy.builder().licenseDurationSeconds(3600).build());
		this.clock.advance(Duration.ofMinutes(59));

		PlaybackDecision decision = this.enforcer.authorize(terms, Usage.NONE, LEVEL_1_NO_HDCP);
		this.clock.advance(Duration.ofMinutes(1));

		assertThat(decision.mustStopAt()).isEqualTo(START.plusSeconds(3600));
		assertRefused(() -> this.enforcer.authorize(terms, Usage.NONE, LEVEL_1_NO_HDCP), DrmError.LICENSE_EXPIRED);
	}

	@Test
	void licensePastItsExpiryIsExpiredWhateverItsPolicy() {
		LicenseTerms terms = terms(LicensePolicy.builder().build());
		this.clock.set(terms.expiresAt());

		assertRefused(() -> this.enforcer.authorize(terms, Usage.NONE, LEVEL_1_NO_HDCP), DrmError.LICENSE_EXPIRED);
	}

	@Test
	void rentalWindowCountsFromLicenseStartForTheFirstPlay() {
		LicenseTerms terms = terms(LicensePolicy.builder().rentalDurationSeconds(48 * 3600).build());
		this.clock.advance(Duration.ofHours(48));

		assertRefused(() -> this.enforcer.authorize(terms, Usage.NONE, LEVEL_1_NO_HDCP), DrmError.RENTAL_EXPIRED);
	}

	@Test
	void hardRentalStopsPlaybackAtItsEndEvenAfterPlaybackStarted() {
		LicenseTerms terms = terms(LicensePolicy.builder().rentalDurationSeconds(48 * 3600).build());
		Usage played = Usage.playedAt(START.plus(Duration.ofHours(47)));
		this.clock.advance(Duration.ofHours(47));

		PlaybackDecision decision = this.enforcer.authorize(terms, played, LEVEL_1_NO_HDCP);
		this.clock.advance(Duration.ofHours(1));

		assertThat(decision.mustStopAt()).isEqualTo(START.plus(Duration.ofHours(48)));
		assertRefused(() -> this.enforcer.authorize(terms, played, LEVEL_1_NO_HDCP), DrmError.RENTAL_EXPIRED);
	}

	@Test
	void softRentalLetsAStartedPlaybackGoOnAfterTheRentalWindow() {
		LicenseTerms terms = terms(LicensePolicy.builder()
			.rentalDurationSeconds(48 * 3600)
			.playbackDurationSeconds(24 * 3600)
			.softEnforceRentalDuration(true)
			.build());
		Usage played = Usage.playedAt(START.plus(Duration.ofHours(47)));
		this.clock.advance(Duration.ofHours(60));

		PlaybackDecision decision = this.enforcer.authorize(terms, played, LEVEL_1_NO_HDCP);

		assertThat(decision.mustStopAt()).isEqualTo(START.plus(Duration.ofHours(47 + 24)));
		assertRefused(() -> this.enforcer.authorize(terms, Usage.NONE, LEVEL_1_NO_HDCP), DrmError.RENTAL_EXPIRED);
	}

	@Test
	void playbackWindowCountsFromTheFirstPlay() {
		LicenseTerms terms = terms(LicensePolicy.builder().playbackDurationSeconds(2 * 3600).build());
		this.clock.advance(Duration.ofDays(3));

		PlaybackDecision first = this.enforcer.authorize(terms, Usage.NONE, LEVEL_1_NO_HDCP);
		Usage played = Usage.playedAt(first.firstPlayedAt());
		this.clock.advance(Duration.ofMinutes(119));
		PlaybackDecision later = this.enforcer.authorize(terms, played, LEVEL_1_NO_HDCP);
		this.clock.advance(Duration.ofMinutes(1));

		assertThat(first.firstPlayedAt()).isEqualTo(START.plus(Duration.ofDays(3)));
		assertThat(later.mustStopAt()).isEqualTo(START.plus(Duration.ofDays(3)).plusSeconds(2 * 3600));
		assertRefused(() -> this.enforcer.authorize(terms, played, LEVEL_1_NO_HDCP),
				DrmError.PLAYBACK_DURATION_EXPIRED);
	}

	@Test
	void softPlaybackWindowDoesNotCutAStartedPlayback() {
		LicenseTerms terms = terms(
				LicensePolicy.builder().playbackDurationSeconds(2 * 3600).softEnforcePlaybackDuration(true).build());

		PlaybackDecision decision = this.enforcer.authorize(terms, Usage.NONE, LEVEL_1_NO_HDCP);

		assertThat(decision.mustStopAt()).isEqualTo(terms.expiresAt());
	}

	@Test
	void renewalIsDueTheRenewalDelayAfterLicenseStart() {
		LicenseTerms terms = terms(renewable().renewalDelaySeconds(600).build());

		RenewalPlan plan = this.enforcer.renewal(terms, Usage.NONE);

		assertThat(plan.renewable()).isTrue();
		assertThat(plan.dueAt()).isEqualTo(START.plusSeconds(600));
		assertThat(plan.renewalServerUrl()).isEqualTo("https://renew.example");
		assertThat(plan.attemptDue(START.plusSeconds(599))).isFalse();
		assertThat(plan.attemptDue(START.plusSeconds(600))).isTrue();
	}

	@Test
	void renewWithUsageStartsTheRenewalClockAtTheFirstPlay() {
		LicenseTerms terms = terms(renewable().renewalDelaySeconds(600).renewWithUsage(true).build());
		Instant firstPlay = START.plus(Duration.ofDays(1));

		RenewalPlan notPlayed = this.enforcer.renewal(terms, Usage.NONE);
		RenewalPlan played = this.enforcer.renewal(terms, Usage.playedAt(firstPlay));

		assertThat(notPlayed.dueAt()).isNull();
		assertThat(notPlayed.attemptDue(START.plus(Duration.ofDays(30)))).isFalse();
		assertThat(played.dueAt()).isEqualTo(firstPlay.plusSeconds(600));
	}

	@Test
	void failedRenewalIsRetriedAfterTheRetryInterval() {
		LicenseTerms terms = terms(renewable().renewalDelaySeconds(600).renewalRetryIntervalSeconds(30).build());
		Instant failure = START.plusSeconds(610);

		RenewalPlan plan = this.enforcer.renewal(terms, new Usage(null, null, failure));

		assertThat(plan.nextAttemptAt()).isEqualTo(failure.plusSeconds(30));
		assertThat(plan.attemptDue(failure.plusSeconds(29))).isFalse();
		assertThat(plan.attemptDue(failure.plusSeconds(30))).isTrue();
	}

	@Test
	void playbackGoesOnDuringTheRecoveryDurationThenNeedsARenewal() {
		LicenseTerms terms = terms(renewable().renewalDelaySeconds(600).renewalRecoveryDurationSeconds(120).build());
		this.clock.set(START.plusSeconds(719));

		PlaybackDecision decision = this.enforcer.authorize(terms, Usage.NONE, LEVEL_1_NO_HDCP);
		this.clock.set(START.plusSeconds(720));

		assertThat(decision.mustStopAt()).isEqualTo(START.plusSeconds(720));
		assertRefused(() -> this.enforcer.authorize(terms, Usage.NONE, LEVEL_1_NO_HDCP), DrmError.RENEWAL_REQUIRED);
	}

	@Test
	void successfulRenewalMovesTheNextDueTime() {
		LicenseTerms terms = terms(renewable().renewalDelaySeconds(600).renewalRecoveryDurationSeconds(120).build());
		Instant renewed = START.plusSeconds(650);
		this.clock.set(START.plusSeconds(1000));

		PlaybackDecision decision = this.enforcer.authorize(terms, new Usage(null, renewed, null), LEVEL_1_NO_HDCP);

		assertThat(decision.renewal().dueAt()).isEqualTo(renewed.plusSeconds(600));
	}

	@Test
	void licenseThatCannotRenewHasNoRenewalPlan() {
		LicenseTerms terms = terms(LicensePolicy.builder().renewalDelaySeconds(600).build());

		assertThat(this.enforcer.renewal(terms, Usage.NONE)).isEqualTo(RenewalPlan.NOT_RENEWABLE);
	}

	@Test
	void keyRequiringMoreHdcpThanTheOutputIsWithheld() {
		KeyGrant hd = grant(TrackType.HD, 1, HdcpVersion.HDCP_V2);
		LicenseTerms terms = terms(LicensePolicy.builder().build(), SD, hd);

		PlaybackDecision decision = this.enforcer.authorize(terms, Usage.NONE,
				new DeviceCapabilities(SecurityLevel.of(1), HdcpVersion.HDCP_V1));

		assertThat(decision.usable()).containsExactly(SD);
		assertThat(decision.withheld()).singleElement().satisfies((withheld) -> {
			assertThat(withheld.grant()).isEqualTo(hd);
			assertThat(withheld.reason()).isEqualTo(DrmError.OUTPUT_PROTECTION_UNMET);
		});
	}

	@Test
	void noKeyLeftForTheOutputRefusesPlaybackWithOutputProtectionUnmet() {
		LicenseTerms terms = terms(LicensePolicy.builder().build(), grant(TrackType.HD, 1, HdcpVersion.HDCP_V1));

		assertRefused(() -> this.enforcer.authorize(terms, Usage.NONE, LEVEL_1_NO_HDCP),
				DrmError.OUTPUT_PROTECTION_UNMET);
		assertThat(this.enforcer
			.authorize(terms, Usage.NONE, new DeviceCapabilities(SecurityLevel.of(1), HdcpVersion.HDCP_V1))
			.usable()).hasSize(1);
	}

	@Test
	void keyRequiringAHigherSecurityLevelIsWithheld() {
		KeyGrant uhd = grant(TrackType.UHD1, 3, HdcpVersion.HDCP_NONE);
		LicenseTerms terms = terms(LicensePolicy.builder().build(), SD, uhd);

		PlaybackDecision decision = this.enforcer.authorize(terms, Usage.NONE, LEVEL_1_NO_HDCP);

		assertThat(decision.usable()).containsExactly(SD);
		assertThat(decision.withheld()).singleElement()
			.satisfies((withheld) -> assertThat(withheld.reason()).isEqualTo(DrmError.SECURITY_LEVEL_TOO_LOW));
	}

	@Test
	void noKeyLeftForTheSecurityLevelRefusesPlayback() {
		LicenseTerms terms = terms(LicensePolicy.builder().build(), grant(TrackType.HD, 3, HdcpVersion.HDCP_NONE));

		assertRefused(() -> this.enforcer.authorize(terms, Usage.NONE, LEVEL_1_NO_HDCP),
				DrmError.SECURITY_LEVEL_TOO_LOW);
		assertThat(this.enforcer
			.authorize(terms, Usage.NONE, new DeviceCapabilities(SecurityLevel.of(3), HdcpVersion.HDCP_NONE))
			.usable()).hasSize(1);
	}

	private static LicensePolicy.Builder renewable() {
		return LicensePolicy.builder().canRenew(true).renewalServerUrl("https://renew.example");
	}

	private static KeyGrant grant(TrackType track, int level, HdcpVersion hdcp) {
		return new KeyGrant(KeyId.random(), track, SecurityLevel.of(level), hdcp);
	}

	private static LicenseTerms terms(LicensePolicy policy, KeyGrant... keys) {
		return new LicenseTerms("license-1", "movie", "acme", START, START, START.plus(Duration.ofDays(30)),
				LicenseType.OFFLINE, Binding.device(new DeviceFingerprint("A".repeat(43))), policy, Map.of(),
				(keys.length == 0) ? List.of(SD) : List.of(keys));
	}

	private static void assertRefused(ThrowingCallable call, DrmError error) {
		assertThatExceptionOfType(DrmException.class).isThrownBy(call)
			.satisfies((ex) -> assertThat(ex.error()).as(ex.getMessage()).isEqualTo(error));
	}

}
