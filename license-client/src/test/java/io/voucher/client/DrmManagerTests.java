package io.voucher.client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import io.voucher.client.store.DeviceStore;
import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.group.GroupId;
import io.voucher.crypto.keys.SecretBytes;
import io.voucher.crypto.pki.DeviceProfile;
import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.SecurityLevel;
import io.voucher.crypto.testing.TestPki;
import io.voucher.crypto.voucher.Binding;
import io.voucher.crypto.voucher.ContentKey;
import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.LicensePolicy;
import io.voucher.crypto.voucher.LicenseSpec;
import io.voucher.crypto.voucher.TrackType;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The SDK's flows against a platform in process: bundles, storeVoucher and toByteArray,
 * persistence, groups, reset, revocation and the refusal codes.
 */
class DrmManagerTests {

	static final char[] PASSWORD = "device store password".toCharArray();

	static final DeviceProfile PROFILE = new DeviceProfile("Acme", "Stick", SecurityLevel.of(1), HdcpVersion.HDCP_V1);

	static final LicensePolicy PERSISTENT = LicensePolicy.builder().canPlay(true).canPersist(true).build();

	final TestPki pki = TestPki.create();

	final InProcessPlatform platform = new InProcessPlatform(this.pki);

	@TempDir
	Path storeDirectory;

	DrmManager drm;

	@BeforeEach
	void individualizedDevice() {
		this.drm = manager(this.storeDirectory);
		this.drm.individualize(PROFILE);
	}

	@Test
	void registeredDeviceStoresItsBundleAndPlaysWithTheIssuedKeys() {
		GeneratedId id = GeneratedId.random();
		this.drm.authenticate(id, "acme");
		ContentKey key = contentKey(HdcpVersion.HDCP_NONE);
		this.platform.preGenerate(id, licenseWith(key));

		List<DeviceVoucher> stored = this.drm.loadVouchers(id).stored();
		PlaybackGrant grant = this.drm.play("movie");

		assertThat(stored).singleElement().satisfies((voucher) -> assertThat(voucher.persisted()).isTrue());
		assertThat(grant.keyIds()).containsExactly(key.keyId());
		assertThat(hex(grant.contentKeys().get(0))).isEqualTo(hex(key));
		assertThat(grant.toString()).doesNotContain(hex(key));
	}

	@Test
	void storedVouchersAndTheirFirstPlaySurviveARestart() {
		GeneratedId id = GeneratedId.random();
		this.drm.authenticate(id, "acme");
		this.platform.preGenerate(id, license()
			.policy(LicensePolicy.builder().canPlay(true).canPersist(true).playbackDurationSeconds(3600).build()));
		this.drm.loadVouchers(id);
		this.drm.play("movie");
		this.pki.clock().advance(Duration.ofMinutes(30));

		DrmManager restarted = manager(this.storeDirectory);
		restarted.loadVouchers(id);

		assertThat(restarted.listVouchers()).singleElement().satisfies((status) -> {
			assertThat(status.state()).isEqualTo(VoucherState.PLAYABLE);
			assertThat(status.firstPlayedAt()).isEqualTo(this.pki.clock().instant().minus(Duration.ofMinutes(30)));
		});
		this.pki.clock().advance(Duration.ofMinutes(30));
		assertRefused(() -> restarted.play("movie"), DrmError.PLAYBACK_DURATION_EXPIRED);
	}

	@Test
	void nonPersistableLicenseIsNeverWrittenToTheStore() {
		GeneratedId id = GeneratedId.random();
		this.drm.authenticate(id, "acme");
		String streaming = this.platform.preGenerate(id,
				license().policy(LicensePolicy.builder().canPlay(true).canPersist(false).build()));

		DeviceVoucher voucher = this.drm.storeVoucher(streaming.getBytes(StandardCharsets.US_ASCII));
		PlaybackGrant grant = this.drm.play("movie");

		assertThat(voucher.persisted()).isFalse();
		assertThat(grant.keyIds()).hasSize(1);
		assertThat(DeviceStore.open(this.storeDirectory, PASSWORD).state().vouchers()).isEmpty();
		assertThat(manager(this.storeDirectory).listVouchers()).isEmpty();
	}

	@Test
	void groupLicenseExportedOnOneMemberPlaysOnAnother(@TempDir Path otherStore) {
		GroupId group = new GroupId("family");
		DrmManager other = manager(otherStore);
		other.individualize(PROFILE);
		this.drm.joinDeviceGroup(group, "token-1");
		other.joinDeviceGroup(group, "token-2");
		this.drm.storeVoucher(this.platform.issueToGroup(group, groupLicense()).getBytes(StandardCharsets.US_ASCII));

		String licenseId = this.drm.listVouchers().get(0).voucher().licenseId();
		byte[] exported = this.drm.voucher(licenseId).toByteArray();
		DeviceVoucher imported = other.storeVoucher(exported);

		assertThat(imported.binding()).isInstanceOf(Binding.GroupBinding.class);
		assertThat(other.play("movie").keyIds()).isEqualTo(this.drm.play("movie").keyIds());
	}

	@Test
	void groupLicenseOfANewerGenerationNeedsTheCredentialRefreshed() {
		GroupId group = new GroupId("family");
		this.drm.joinDeviceGroup(group, "token");
		this.platform.rollGroup(group);
		byte[] newer = this.platform.issueToGroup(group, groupLicense()).getBytes(StandardCharsets.US_ASCII);

		assertRefused(() -> this.drm.storeVoucher(newer), DrmError.GROUP_GENERATION_TOO_OLD);
		assertThat(this.drm.refreshDeviceGroup(group).generation()).isEqualTo(2);
		assertThat(this.drm.storeVoucher(newer).persisted()).isTrue();
	}

	@Test
	void groupLicenseOnANonMemberIsBoundToAnotherGroup(@TempDir Path otherStore) {
		GroupId group = new GroupId("family");
		this.drm.joinDeviceGroup(group, "token");
		DrmManager stranger = manager(otherStore);
		stranger.individualize(PROFILE);
		byte[] voucher = this.platform.issueToGroup(group, groupLicense()).getBytes(StandardCharsets.US_ASCII);

		assertRefused(() -> stranger.storeVoucher(voucher), DrmError.LICENSE_BOUND_TO_ANOTHER_GROUP);
	}

	@Test
	void leavingAGroupForgetsItsCredentialAndItsLicenses() {
		GroupId group = new GroupId("family");
		this.drm.joinDeviceGroup(group, "token");
		this.drm.storeVoucher(this.platform.issueToGroup(group, groupLicense()).getBytes(StandardCharsets.US_ASCII));

		this.drm.leaveDeviceGroup(group);

		assertThat(this.drm.deviceGroups()).isEmpty();
		assertThat(this.drm.listVouchers()).isEmpty();
	}

	@Test
	void factoryResetPurgesEverythingAndTheStaleLicenseIsBoundToAnotherDevice() {
		GeneratedId id = GeneratedId.random();
		this.drm.authenticate(id, "acme");
		this.drm.joinDeviceGroup(new GroupId("family"), "token");
		byte[] stale = this.platform.preGenerate(id, license()).getBytes(StandardCharsets.US_ASCII);
		this.drm.loadVouchers(id);
		String before = this.drm.device().orElseThrow().fingerprint().value();

		ResetReport report = this.drm.resetDRM();

		assertThat(report.previousDevice().value()).isEqualTo(before);
		assertThat(report.previousRegistrations()).containsExactly(id);
		assertThat(report.vouchers()).isEqualTo(1);
		assertThat(report.groups()).isEqualTo(1);
		assertThat(this.drm.device()).isEmpty();
		assertThat(this.drm.registrations()).isEmpty();
		assertThat(this.drm.deviceGroups()).isEmpty();
		assertRefused(() -> this.drm.play("movie"), DrmError.NOT_INDIVIDUALIZED);
		assertThat(manager(this.storeDirectory).device()).isEmpty();
		this.drm.individualize(PROFILE);
		assertThat(this.drm.device().orElseThrow().fingerprint().value()).isNotEqualTo(before);
		assertRefused(() -> this.drm.storeVoucher(stale), DrmError.LICENSE_BOUND_TO_ANOTHER_DEVICE);
	}

	@Test
	void individualizingTwiceIsRefused() {
		assertRefused(() -> this.drm.individualize(PROFILE), DrmError.ALREADY_INDIVIDUALIZED);
	}

	@Test
	void resetDrmVouchersKeepsTheDeviceAndItsRegistrations() {
		GeneratedId id = GeneratedId.random();
		this.drm.authenticate(id, "acme");
		this.platform.preGenerate(id, license());
		this.drm.loadVouchers(id);

		int purged = this.drm.resetDRMVouchers();

		assertThat(purged).isEqualTo(1);
		assertThat(this.drm.listVouchers()).isEmpty();
		assertThat(this.drm.device()).isPresent();
		assertThat(this.drm.registrations()).hasSize(1);
	}

	@Test
	void alteredLicenseIsRefusedAsSignatureInvalid() {
		GeneratedId id = GeneratedId.random();
		this.drm.authenticate(id, "acme");
		String voucher = this.platform.preGenerate(id, license());
		String[] parts = voucher.split("\\.");
		String altered = parts[0] + "." + parts[1].substring(0, parts[1].length() - 4) + "AAAA." + parts[2];

		assertRefused(() -> this.drm.storeVoucher(altered.getBytes(StandardCharsets.US_ASCII)),
				DrmError.LICENSE_SIGNATURE_INVALID);
	}

	@Test
	void licenseFromAnotherLicenseServerIsAnUntrustedSigner() {
		GeneratedId id = GeneratedId.random();
		this.drm.authenticate(id, "acme");
		InProcessPlatform foreign = new InProcessPlatform(TestPki.create());
		foreign.registrations.put(id, this.platform.registrations.get(id));
		String voucher = foreign.preGenerate(id, license());

		assertRefused(() -> this.drm.storeVoucher(voucher.getBytes(StandardCharsets.US_ASCII)),
				DrmError.LICENSE_UNTRUSTED_SIGNER);
	}

	@Test
	void expiredAndNotYetValidLicensesAreRefused() {
		GeneratedId id = GeneratedId.random();
		this.drm.authenticate(id, "acme");
		java.time.Instant now = this.pki.clock().instant();
		byte[] expired = this.platform
			.preGenerate(id, license().issuedAt(now.minus(Duration.ofDays(2))).expiresAt(now.minus(Duration.ofDays(1))))
			.getBytes(StandardCharsets.US_ASCII);
		byte[] future = this.platform
			.preGenerate(id, license().notBefore(now.plus(Duration.ofDays(1))).expiresAt(now.plus(Duration.ofDays(2))))
			.getBytes(StandardCharsets.US_ASCII);

		assertRefused(() -> this.drm.storeVoucher(expired), DrmError.LICENSE_EXPIRED);
		assertRefused(() -> this.drm.storeVoucher(future), DrmError.LICENSE_NOT_YET_VALID);
		assertThat(this.drm.listVouchers()).as("a refused voucher is not stored").isEmpty();
	}

	@Test
	void oneExpiredLicenseOfABundleIsReportedAndEveryOtherIsStored() {
		GeneratedId id = GeneratedId.random();
		this.drm.authenticate(id, "acme");
		java.time.Instant now = this.pki.clock().instant();
		this.platform.preGenerate(id,
				license().licenseId("expired-1")
					.issuedAt(now.minus(Duration.ofDays(2)))
					.expiresAt(now.minus(Duration.ofDays(1))));
		this.platform.preGenerate(id, license().licenseId("series-1").contentId("series"));
		this.platform.preGenerate(id,
				license().licenseId("later-1")
					.notBefore(now.plus(Duration.ofDays(1)))
					.expiresAt(now.plus(Duration.ofDays(2))));

		LoadedVouchers loaded = this.drm.loadVouchers(id);

		assertThat(loaded.stored()).extracting(DeviceVoucher::licenseId).containsExactly("series-1");
		assertThat(loaded.refused())
			.extracting(LoadedVouchers.RefusedVoucher::licenseId, LoadedVouchers.RefusedVoucher::error)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("expired-1", DrmError.LICENSE_EXPIRED),
					org.assertj.core.groups.Tuple.tuple("later-1", DrmError.LICENSE_NOT_YET_VALID));
		assertThat(this.drm.play("series").voucher().licenseId()).isEqualTo("series-1");
		assertThat(this.drm.listVouchers()).extracting((status) -> status.voucher().licenseId())
			.containsExactly("series-1");
	}

	@Test
	void hdcpRequiredByTheOnlyKeyIsCheckedAgainstTheCurrentOutput() {
		GeneratedId id = GeneratedId.random();
		this.drm.authenticate(id, "acme");
		this.platform.preGenerate(id, licenseWith(contentKey(HdcpVersion.HDCP_V1)));
		this.drm.loadVouchers(id);

		assertRefused(() -> this.drm.play("movie"), DrmError.OUTPUT_PROTECTION_UNMET);
		DrmManager hdmi = manager(this.storeDirectory, HdcpVersion.HDCP_V2);
		assertThat(hdmi.play("movie").keyIds()).hasSize(1);
	}

	@Test
	void revokedDevicePlaysNothing() {
		GeneratedId id = GeneratedId.random();
		this.drm.authenticate(id, "acme");
		this.platform.preGenerate(id, license());
		this.drm.loadVouchers(id);

		this.platform.revoke(this.drm.device().orElseThrow().fingerprint());
		boolean revoked = this.drm.updateRevocationList();

		assertThat(revoked).isTrue();
		assertRefused(() -> this.drm.play("movie"), DrmError.DEVICE_REVOKED);
		assertThat(this.drm.listVouchers()).singleElement()
			.satisfies((status) -> assertThat(status.state()).isEqualTo(VoucherState.INVALID));
	}

	@Test
	void renewalThroughTheProxyReplacesTheLicenseAndAFailureIsRecorded() {
		GeneratedId id = GeneratedId.random();
		this.drm.authenticate(id, "acme");
		LicensePolicy renewable = LicensePolicy.builder()
			.canPlay(true)
			.canPersist(true)
			.canRenew(true)
			.renewalDelaySeconds(600)
			.renewalRetryIntervalSeconds(60)
			.renewalRecoveryDurationSeconds(300)
			.build();
		String licenseId = "renewable-1";
		this.platform.preGenerate(id, license().licenseId(licenseId).policy(renewable));
		this.drm.loadVouchers(id);
		this.pki.clock().advance(Duration.ofSeconds(610));
		LicenseProxy down = (challenge) -> {
			throw new DrmException(DrmError.PLATFORM_UNREACHABLE, "proxy down");
		};

		assertRefused(() -> this.drm.renewVoucher(licenseId, down), DrmError.PLATFORM_UNREACHABLE);
		assertThat(this.drm.play("movie").renewal().nextAttemptAt())
			.isEqualTo(this.pki.clock().instant().plusSeconds(60));
		this.pki.clock().advance(Duration.ofSeconds(300));
		assertRefused(() -> this.drm.play("movie"), DrmError.RENEWAL_REQUIRED);

		LicenseProxy proxy = (challenge) -> this.platform
			.preGenerate(id,
					license().licenseId(licenseId)
						.policy(renewable)
						.issuedAt(this.pki.clock().instant())
						.expiresAt(this.pki.clock().instant().plus(Duration.ofDays(1))))
			.getBytes(StandardCharsets.US_ASCII);
		DeviceVoucher renewed = this.drm.renewVoucher(licenseId, proxy);

		assertThat(renewed.licenseId()).isEqualTo(licenseId);
		assertThat(this.drm.play("movie").renewal().dueAt()).isEqualTo(this.pki.clock().instant().plusSeconds(600));
	}

	private DrmManager manager(Path directory) {
		return manager(directory, HdcpVersion.HDCP_NONE);
	}

	private DrmManager manager(Path directory, HdcpVersion output) {
		return DrmManager.builder()
			.store(DeviceStore.open(directory, PASSWORD))
			.platform(this.platform)
			.clock(this.pki.clock())
			.output(OutputProtection.fixed(output))
			.build();
	}

	private LicenseSpec.Builder license() {
		return licenseWith(contentKey(HdcpVersion.HDCP_NONE));
	}

	private LicenseSpec.Builder licenseWith(ContentKey key) {
		java.time.Instant now = this.pki.clock().instant();
		return LicenseSpec.builder()
			.licenseId(java.util.UUID.randomUUID().toString())
			.contentId("movie")
			.provider("acme")
			.issuedAt(now)
			.expiresAt(now.plus(Duration.ofDays(1)))
			.policy(PERSISTENT)
			.key(key);
	}

	private LicenseSpec.Builder groupLicense() {
		return license();
	}

	private static ContentKey contentKey(HdcpVersion hdcp) {
		return ContentKey.of(KeyId.random(), TrackType.SD, SecurityLevel.of(1), hdcp, SecretBytes.random(16));
	}

	private static String hex(ContentKey key) {
		return HexFormat.of().formatHex(key.key().toByteArray());
	}

	private static void assertRefused(ThrowingCallable call, DrmError error) {
		assertThatExceptionOfType(DrmException.class).isThrownBy(call)
			.satisfies((ex) -> assertThat(ex.error()).as(ex.getMessage()).isEqualTo(error));
	}

}
