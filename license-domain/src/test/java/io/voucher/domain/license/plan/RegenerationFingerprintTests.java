package io.voucher.domain.license.plan;

import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import io.voucher.crypto.keys.SecretBytes;
import io.voucher.crypto.pki.DeviceFingerprint;
import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.SecurityLevel;
import io.voucher.crypto.voucher.ContentKey;
import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.LicenseType;
import io.voucher.crypto.voucher.TrackType;
import io.voucher.domain.policy.PlaybackPolicy;
import org.junit.jupiter.api.Test;

import static io.voucher.domain.license.plan.PlanFixtures.FINGERPRINT;
import static io.voucher.domain.license.plan.PlanFixtures.GROUP;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fingerprint pre-generation compares to decide whether a stored license is still
 * right.
 */
class RegenerationFingerprintTests {

	private static final UUID ENTITLEMENT = UUID.fromString("11111111-2222-3333-4444-555555555555");

	private static final KeyId KEY_ID = KeyId.ofHex("00112233445566778899aabbccddeeff");

	private static final PlaybackPolicy POLICY = PlaybackPolicy.builder()
		.canPlay(true)
		.canRenew(true)
		.licenseDurationSeconds(3600)
		.renewalServerUrl(URI.create("https://renew.example/r"))
		.renewalDelaySeconds(60)
		.build();

	private static ContentKey key(KeyId id, TrackType track, int level, HdcpVersion hdcp) {
		return ContentKey.of(id, track, SecurityLevel.of(level), hdcp, SecretBytes.copyOf(new byte[16]));
	}

	private static final ContentKey HD = key(KEY_ID, TrackType.HD, 3, HdcpVersion.HDCP_V1);

	private static RegenerationFingerprint fingerprint(PlaybackPolicy policy, List<ContentKey> keys,
			LicenseTarget target) {
		return new RegenerationFingerprint(ENTITLEMENT, LicenseType.STREAMING, new LicensePlan(policy, keys, target));
	}

	private static final RegenerationFingerprint BASE = fingerprint(POLICY, List.of(HD),
			LicenseTarget.device(FINGERPRINT, SecurityLevel.of(3)));

	@Test
	void valueIsTheVersion2EncodingAndNothingElse() {
		// Computed independently (Python) from the documented canonical encoding: a
		// change
		// to any Java type's toString() or a new field elsewhere cannot move it.
		assertThat(BASE.value()).isEqualTo("v2.fTxRzreMi_B8R6_Ze3rDtqtkGqZd9YFA-qJa4X049RQ");
		assertThat(BASE.value()).hasSizeLessThanOrEqualTo(64);
	}

	@Test
	void version1IsWhatEarlierReleasesStored() {
		// The SHA-256 of the text LicenseSync built from PlaybackPolicy.toString() before
		// version 2, computed independently.
		assertThat(BASE.version1()).isEqualTo("4cadb7ede02fcdd6bb5a6279c8bd2753200b6f8109a4c0db61ccd4ba8f534c23");
		assertThat(RegenerationFingerprint.version1Policy(POLICY)).isEqualTo(POLICY.toString());
	}

	@Test
	void matchesWhenStoredIsVersion1OfTheSameInputsThenEqual() {
		assertThat(BASE.matches("4cadb7ede02fcdd6bb5a6279c8bd2753200b6f8109a4c0db61ccd4ba8f534c23")).isTrue();
		assertThat(BASE.matches(BASE.value())).isTrue();
	}

	@Test
	void matchesWhenStoredIsVersion1OfOtherInputsThenNotEqual() {
		RegenerationFingerprint shorter = fingerprint(POLICY.toBuilder().licenseDurationSeconds(60).build(),
				List.of(HD), BASE.plan().target());

		assertThat(shorter.matches(BASE.version1())).isFalse();
		assertThat(shorter.matches(BASE.value())).isFalse();
	}

	@Test
	void valueDoesNotDependOnWhatTheLicenseDoesNotDependOn() {
		// The key bytes, and how the target's level filtered keys, are not inputs: the
		// key
		// id and the grant are.
		RegenerationFingerprint otherKeyBytes = fingerprint(POLICY, List.of(ContentKey.of(KEY_ID, TrackType.HD,
				SecurityLevel.of(3), HdcpVersion.HDCP_V1, SecretBytes.copyOf(new byte[32]))),
				LicenseTarget.device(FINGERPRINT, SecurityLevel.of(5)));

		assertThat(otherKeyBytes.value()).isEqualTo(BASE.value());
	}

	@Test
	void valueChangesWithEachInput() {
		DeviceFingerprint otherDevice = new DeviceFingerprint("B".repeat(43));
		List<UnaryOperator<PlaybackPolicy.Builder>> policyChanges = List.of((b) -> b.canPlay(false),
				(b) -> b.canPersist(true), (b) -> b.canRenew(false).renewalServerUrl(null).renewalDelaySeconds(0),
				(b) -> b.licenseDurationSeconds(7200), (b) -> b.rentalDurationSeconds(1),
				(b) -> b.playbackDurationSeconds(1), (b) -> b.renewalServerUrl(URI.create("https://other.example/r")),
				(b) -> b.renewalDelaySeconds(61), (b) -> b.renewalRetryIntervalSeconds(1),
				(b) -> b.renewalRecoveryDurationSeconds(1), (b) -> b.renewWithUsage(true));
		for (UnaryOperator<PlaybackPolicy.Builder> change : policyChanges) {
			PlaybackPolicy changed = change.apply(POLICY.toBuilder()).build();
			assertThat(fingerprint(changed, List.of(HD), BASE.plan().target()).value()).as(changed.toString())
				.isNotEqualTo(BASE.value());
		}
		List<RegenerationFingerprint> others = List.of(
				new RegenerationFingerprint(UUID.randomUUID(), LicenseType.STREAMING, BASE.plan()),
				new RegenerationFingerprint(ENTITLEMENT, LicenseType.OFFLINE, BASE.plan()),
				fingerprint(POLICY, List.of(HD), LicenseTarget.device(otherDevice, SecurityLevel.of(3))),
				fingerprint(POLICY, List.of(HD), LicenseTarget.group(GROUP, 1, null)),
				fingerprint(POLICY, List.of(key(KeyId.random(), TrackType.HD, 3, HdcpVersion.HDCP_V1)),
						BASE.plan().target()),
				fingerprint(POLICY, List.of(key(KEY_ID, TrackType.UHD1, 3, HdcpVersion.HDCP_V1)), BASE.plan().target()),
				fingerprint(POLICY, List.of(key(KEY_ID, TrackType.HD, 4, HdcpVersion.HDCP_V1)), BASE.plan().target()),
				fingerprint(POLICY, List.of(key(KEY_ID, TrackType.HD, 3, HdcpVersion.HDCP_V2)), BASE.plan().target()),
				fingerprint(POLICY, List.of(HD,
						key(KeyId.ofHex("ffeeddccbbaa99887766554433221100"), TrackType.UHD1, 5, HdcpVersion.HDCP_V2)),
						BASE.plan().target()));
		for (RegenerationFingerprint other : others) {
			assertThat(other.value()).as(other.canonical()).isNotEqualTo(BASE.value());
		}
	}

	@Test
	void valueChangesWithTheGroupsKeyGeneration() {
		RegenerationFingerprint first = fingerprint(POLICY, List.of(HD), LicenseTarget.group(GROUP, 1, null));
		RegenerationFingerprint second = fingerprint(POLICY, List.of(HD), LicenseTarget.group(GROUP, 2, null));

		assertThat(first.value()).isNotEqualTo(second.value());
		assertThat(first.matches(second.version1())).isFalse();
	}

	@Test
	void canonicalNamesEveryInput() {
		assertThat(BASE.canonical()).isEqualTo("""
				voucher-regeneration-fingerprint-v2
				entitlement=11111111-2222-3333-4444-555555555555
				recipient=device:%s
				license_type=STREAMING
				can_play=true
				can_persist=false
				can_renew=true
				license_duration_seconds=3600
				rental_duration_seconds=0
				playback_duration_seconds=0
				renewal_server_url=23:https://renew.example/r
				renewal_delay_seconds=60
				renewal_retry_interval_seconds=0
				renewal_recovery_duration_seconds=0
				renew_with_usage=false
				keys=1
				key=ABEiM0RVZneImaq7zN3u_w,HD,3,HDCP_V1
				""".formatted(FINGERPRINT.value()));
	}

}
