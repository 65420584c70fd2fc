package io.voucher.domain.license.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.voucher.crypto.keys.SecretBytes;
import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.SecurityLevel;
import io.voucher.crypto.voucher.Binding;
import io.voucher.crypto.voucher.ContentKey;
import io.voucher.crypto.voucher.KeyGrant;
import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.LicenseSpec;
import io.voucher.crypto.voucher.LicenseType;
import io.voucher.crypto.voucher.TrackType;
import io.voucher.domain.policy.PlaybackPolicy;
import io.voucher.domain.policy.PolicyOverrides;
import io.voucher.domain.policy.TrackRequirement;
import org.junit.jupiter.api.Test;

import static io.voucher.domain.license.plan.PlanFixtures.AUDIO;
import static io.voucher.domain.license.plan.PlanFixtures.FINGERPRINT;
import static io.voucher.domain.license.plan.PlanFixtures.GROUP;
import static io.voucher.domain.license.plan.PlanFixtures.HD;
import static io.voucher.domain.license.plan.PlanFixtures.SD;
import static io.voucher.domain.license.plan.PlanFixtures.UHD1;
import static io.voucher.domain.license.plan.PlanFixtures.device;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The license planner's rules, shared by the online path and pre-generation.
 */
class LicensePlannerTests {

	private static final PlaybackPolicy STORED = PlaybackPolicy.builder()
		.canPlay(true)
		.canPersist(true)
		.licenseDurationSeconds(3600)
		.rentalDurationSeconds(7200)
		.build();

	private static final Map<TrackType, TrackRequirement> STORED_TRACKS = Map.of(TrackType.HD,
			new TrackRequirement(SecurityLevel.of(3), HdcpVersion.HDCP_V1), TrackType.UHD1,
			new TrackRequirement(SecurityLevel.of(5), HdcpVersion.HDCP_V2));

	private static final PolicyOverrides LONGER = new PolicyOverrides(null, null, null, 60L, null, null, null, null,
			null, null, null);

	private static PlanRequest.Builder request() {
		return PlanRequest.builder()
			.storedPolicy(STORED, STORED_TRACKS)
			.activeKeys(List.of(UHD1, SD, AUDIO, HD))
			.target(device(5));
	}

	private static List<TrackType> tracks(LicensePlan plan) {
		return plan.keys().stream().map((key) -> key.grant().trackType()).toList();
	}

	private static KeyGrant grant(LicensePlan plan, TrackType track) {
		return plan.keys()
			.stream()
			.map(ContentKey::grant)
			.filter((grant) -> grant.trackType() == track)
			.findFirst()
			.orElseThrow();
	}

	@Test
	void planWhenOverridesGivenThenTheyOverlayTheStoredPolicy() {
		LicensePlan plan = LicensePlanner.plan(request().overrides(LONGER, false).build());

		assertThat(plan.settings()).isEqualTo(STORED.toBuilder().licenseDurationSeconds(60).build());
		assertThat(plan.settings().rentalDurationSeconds()).isEqualTo(7200);
	}

	@Test
	void planWhenNoStoredPolicyThenOverridesOverlayTheTemplateDefaults() {
		LicensePlan plan = LicensePlanner.plan(request().storedPolicy(null, Map.of()).overrides(LONGER, false).build());

		assertThat(plan.settings()).isEqualTo(PlaybackPolicy.DEFAULTS.toBuilder().licenseDurationSeconds(60).build());
	}

	@Test
	void planWhenOverridesExclusiveThenTheStoredPolicyAndItsTrackRequirementsAreIgnored() {
		LicensePlan plan = LicensePlanner.plan(request().overrides(LONGER, true).target(device(1)).build());

		assertThat(plan.settings()).isEqualTo(PlaybackPolicy.DEFAULTS.toBuilder().licenseDurationSeconds(60).build());
		// Without the stored HD and UHD1 requirements, a level 1 device gets every key.
		assertThat(tracks(plan)).containsExactly(TrackType.AUDIO, TrackType.SD, TrackType.HD, TrackType.UHD1);
		assertThat(grant(plan, TrackType.HD).requiredSecurityLevel()).isEqualTo(SecurityLevel.of(1));
	}

	@Test
	void planWhenOverlayIsInvalidThenRefusedAsInvalidPolicy() {
		PolicyOverrides renewalWithoutRenew = new PolicyOverrides(null, null, null, null, null, null, null, 10L, null,
				null, null);

		assertThatExceptionOfType(PlanRefusedException.class)
			.isThrownBy(() -> LicensePlanner.plan(request().overrides(renewalWithoutRenew, false).build()))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(PlanRefusal.INVALID_POLICY))
			.withMessageContaining("renewal_delay_seconds");
	}

	@Test
	void planWhenTrackTypesAllowedThenOnlyTheirActiveKeysSortedByTrack() {
		LicensePlan plan = LicensePlanner
			.plan(request().selection(KeySelection.tracks(EnumSet.of(TrackType.HD, TrackType.AUDIO))).build());

		assertThat(tracks(plan)).containsExactly(TrackType.AUDIO, TrackType.HD);
		assertThat(plan.keys().get(1).keyId()).isEqualTo(HD.keyId());
	}

	@Test
	void planWhenChallengeNamesKeysThenOnlyThoseOfTheAllowedTracks() {
		KeySelection selection = KeySelection.tracks(EnumSet.of(TrackType.SD, TrackType.HD),
				List.of(HD.keyId(), AUDIO.keyId()));

		LicensePlan plan = LicensePlanner.plan(request().activeKeys(List.of())
			.namedKeys(Map.of(HD.keyId(), HD, AUDIO.keyId(), AUDIO))
			.selection(selection)
			.build());

		assertThat(tracks(plan)).containsExactly(TrackType.HD);
		assertThat(selection.needsActiveKeys()).isFalse();
		assertThat(selection.namedKeyIds()).containsExactly(HD.keyId(), AUDIO.keyId());
	}

	@Test
	void planWhenANamedKeyDoesNotExistThenRefusedAsUnknownKey() {
		KeySelection selection = KeySelection.tracks(EnumSet.allOf(TrackType.class), List.of(HD.keyId()));

		assertThatExceptionOfType(PlanRefusedException.class)
			.isThrownBy(() -> LicensePlanner.plan(request().selection(selection).build()))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(PlanRefusal.CONTENT_KEY_UNKNOWN));
	}

	@Test
	void planWhenNoKeyOfTheAllowedTracksThenRefusedAsNoKeyForTracks() {
		assertThatExceptionOfType(PlanRefusedException.class)
			.isThrownBy(() -> LicensePlanner.plan(request().activeKeys(List.of(AUDIO, HD))
				.selection(KeySelection.tracks(EnumSet.of(TrackType.SD)))
				.build()))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(PlanRefusal.NO_KEY_FOR_TRACKS));
	}

	@Test
	void planWhenContentHasNoKeysThenRefusedAsNoKeyForTracks() {
		assertThatExceptionOfType(PlanRefusedException.class)
			.isThrownBy(() -> LicensePlanner.plan(request().activeKeys(List.of()).build()))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(PlanRefusal.NO_KEY_FOR_TRACKS));
	}

	@Test
	void planWhenDeviceLevelBelowSomeTracksThenThoseKeysAreLeftOut() {
		LicensePlan plan = LicensePlanner.plan(request().target(device(3)).build());

		assertThat(tracks(plan)).containsExactly(TrackType.AUDIO, TrackType.SD, TrackType.HD);
	}

	@Test
	void planWhenDeviceLevelEqualsATracksLevelThenItsKeyIsIncluded() {
		LicensePlan plan = LicensePlanner.plan(request().target(device(5)).build());

		assertThat(tracks(plan)).contains(TrackType.UHD1);
		assertThat(grant(plan, TrackType.UHD1).requiredSecurityLevel()).isEqualTo(SecurityLevel.of(5));
	}

	@Test
	void planWhenDeviceLevelBelowEveryRequestedTrackThenRefusedAsInsufficientLevel() {
		assertThatExceptionOfType(PlanRefusedException.class)
			.isThrownBy(() -> LicensePlanner
				.plan(request().selection(KeySelection.tracks(EnumSet.of(TrackType.HD, TrackType.UHD1)))
					.target(device(2))
					.build()))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(PlanRefusal.INSUFFICIENT_SECURITY_LEVEL));
	}

	@Test
	void planWhenPolicyRequiresHdcpThenTheGrantCarriesItAndNoKeyIsFilteredForIt() {
		LicensePlan plan = LicensePlanner.plan(request().build());

		assertThat(grant(plan, TrackType.HD).requiredHdcp()).isEqualTo(HdcpVersion.HDCP_V1);
		assertThat(grant(plan, TrackType.UHD1).requiredHdcp()).isEqualTo(HdcpVersion.HDCP_V2);
		assertThat(grant(plan, TrackType.SD).requiredHdcp()).isEqualTo(HdcpVersion.HDCP_NONE);
		assertThat(grant(plan, TrackType.SD).requiredSecurityLevel()).isEqualTo(SecurityLevel.of(1));
	}

	@Test
	void planWhenKeySpecsGiveRequirementsThenTheyWinOverThePolicysPerTrack() {
		KeySelection specs = KeySelection
			.specs(List.of(new KeySpec(TrackType.HD, null, null, SecurityLevel.of(2), null),
					new KeySpec(TrackType.SD, null, null, null, HdcpVersion.HDCP_V2)));

		LicensePlan plan = LicensePlanner.plan(request().selection(specs).target(device(2)).build());

		assertThat(tracks(plan)).containsExactly(TrackType.SD, TrackType.HD);
		// HD: the spec's level, the policy's HDCP; SD: the policy's (none) level, the
		// spec's HDCP.
		assertThat(grant(plan, TrackType.HD))
			.isEqualTo(new KeyGrant(HD.keyId(), TrackType.HD, SecurityLevel.of(2), HdcpVersion.HDCP_V1));
		assertThat(grant(plan, TrackType.SD))
			.isEqualTo(new KeyGrant(SD.keyId(), TrackType.SD, SecurityLevel.of(1), HdcpVersion.HDCP_V2));
	}

	@Test
	void planWhenKeySpecNamesAKeyOfAnotherTrackThenRefusedAsMalformed() {
		KeySelection specs = KeySelection.specs(List.of(new KeySpec(TrackType.SD, HD.keyId(), null, null, null)));

		assertThatExceptionOfType(PlanRefusedException.class)
			.isThrownBy(() -> LicensePlanner.plan(request().namedKeys(Map.of(HD.keyId(), HD)).selection(specs).build()))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(PlanRefusal.MALFORMED_SELECTION));
	}

	@Test
	void planWhenKeySpecsNameATrackTwiceThenRefusedAsMalformed() {
		KeySelection specs = KeySelection.specs(List.of(new KeySpec(TrackType.SD, null, null, null, null),
				new KeySpec(null, SD.keyId(), null, null, null)));

		assertThatExceptionOfType(PlanRefusedException.class)
			.isThrownBy(() -> LicensePlanner.plan(request().namedKeys(Map.of(SD.keyId(), SD)).selection(specs).build()))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(PlanRefusal.MALFORMED_SELECTION))
			.withMessageContaining("more than once");
	}

	@Test
	void planWhenKeySpecInjectsAKeyThenItTakesTheActiveKeysIdUnlessItNamesOne() {
		SecretBytes injected = SecretBytes.copyOf(new byte[16]);
		KeyId own = KeyId.ofHex("00112233445566778899aabbccddeeff");
		KeySelection specs = KeySelection.specs(List.of(new KeySpec(TrackType.SD, null, injected, null, null),
				new KeySpec(TrackType.HD, own, injected, null, null)));

		LicensePlan plan = LicensePlanner.plan(request().selection(specs).build());

		assertThat(plan.keys().get(0).keyId()).isEqualTo(SD.keyId());
		assertThat(plan.keys().get(0).key()).isEqualTo(injected);
		assertThat(plan.keys().get(1).keyId()).isEqualTo(own);
		assertThat(specs.namedKeyIds()).isEmpty();
	}

	@Test
	void planWhenKeySpecForATrackWithoutActiveKeyThenRefusedAsUnknownKey() {
		KeySelection specs = KeySelection.specs(List.of(new KeySpec(TrackType.UHD2, null, null, null, null)));

		assertThatExceptionOfType(PlanRefusedException.class)
			.isThrownBy(() -> LicensePlanner.plan(request().selection(specs).build()))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(PlanRefusal.CONTENT_KEY_UNKNOWN));
	}

	@Test
	void planWhenKeySpecHasNeitherTrackNorKeyIdThenRefusedAsMalformed() {
		KeySelection specs = KeySelection.specs(List.of(new KeySpec(null, null, null, SecurityLevel.of(1), null)));

		assertThatExceptionOfType(PlanRefusedException.class)
			.isThrownBy(() -> LicensePlanner.plan(request().selection(specs).build()))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(PlanRefusal.MALFORMED_SELECTION));
	}

	@Test
	void planWhenDeviceTargetThenTheLicenseIsBoundToTheDevice() {
		LicensePlan plan = LicensePlanner.plan(request().build());

		assertThat(plan.target().binding()).isEqualTo(Binding.device(FINGERPRINT));
	}

	@Test
	void planWhenGroupTargetWithoutRequesterThenEveryKeyAndBoundToTheGeneration() {
		LicensePlan plan = LicensePlanner.plan(request().target(LicenseTarget.group(GROUP, 4, null)).build());

		assertThat(tracks(plan)).containsExactly(TrackType.AUDIO, TrackType.SD, TrackType.HD, TrackType.UHD1);
		assertThat(plan.target().binding()).isEqualTo(Binding.group(GROUP, 4));
	}

	@Test
	void planWhenGroupTargetAskedByAMemberThenKeysAboveItsLevelAreLeftOut() {
		LicensePlan plan = LicensePlanner
			.plan(request().target(LicenseTarget.group(GROUP, 4, SecurityLevel.of(3))).build());

		assertThat(tracks(plan)).containsExactly(TrackType.AUDIO, TrackType.SD, TrackType.HD);
		assertThat(plan.target().binding()).isEqualTo(Binding.group(GROUP, 4));
	}

	@Test
	void planWhenUnboundClientThenKeysAboveItsLevelAreLeftOutAndThereIsNoBinding() {
		LicensePlan plan = LicensePlanner.plan(request().target(LicenseTarget.unbound(SecurityLevel.of(1))).build());

		assertThat(tracks(plan)).containsExactly(TrackType.AUDIO, TrackType.SD);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> plan.target().binding());
	}

	@Test
	void toSpecWhenLicenseDurationSetThenExpiresThatLongAfterIssue() {
		Instant now = Instant.parse("2026-12-08T00:00:00Z");
		LicensePlan plan = LicensePlanner.plan(request().build());

		LicenseSpec spec = plan.toSpec("license-1", "movie", "provider", LicenseType.OFFLINE, now,
				Map.of("provider_session_token", "t"));

		assertThat(spec.terms().issuedAt()).isEqualTo(now);
		assertThat(spec.terms().expiresAt()).isEqualTo(now.plus(Duration.ofHours(1)));
		assertThat(spec.terms().licenseType()).isEqualTo(LicenseType.OFFLINE);
		assertThat(spec.terms().binding()).isEqualTo(Binding.device(FINGERPRINT));
		assertThat(spec.terms().policy()).isEqualTo(STORED.toLicensePolicy());
		assertThat(spec.terms().sessionTokens()).containsEntry("provider_session_token", "t");
		assertThat(spec.terms().keys()).isEqualTo(plan.keys().stream().map(ContentKey::grant).toList());
	}

	@Test
	void expiresAtWhenLicenseDurationUnlimitedThenTheHundredYearCeiling() {
		Instant now = Instant.parse("2026-12-08T00:00:00Z");
		LicensePlan plan = LicensePlanner.plan(request().storedPolicy(null, Map.of()).build());

		assertThat(plan.expiresAt(now)).isEqualTo(now.plusSeconds(PlaybackPolicy.MAX_DURATION_SECONDS));
	}

	@Test
	void needsActiveKeysOnlyWhenSomeSpecNamesNoKeyId() {
		assertThat(KeySelection.specs(List.of(new KeySpec(null, SD.keyId(), null, null, null))).needsActiveKeys())
			.isFalse();
		assertThat(KeySelection.specs(List.of(new KeySpec(TrackType.SD, null, null, null, null))).needsActiveKeys())
			.isTrue();
		assertThat(KeySelection.tracks(Set.of(TrackType.SD)).needsActiveKeys()).isTrue();
	}

}
