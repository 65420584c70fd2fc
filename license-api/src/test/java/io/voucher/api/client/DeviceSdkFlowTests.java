package io.voucher.api.client;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import io.voucher.api.testing.HttpTester;
import io.voucher.client.DeviceVoucher;
import io.voucher.client.DrmError;
import io.voucher.client.DrmException;
import io.voucher.client.DrmManager;
import io.voucher.client.LicenseRequest;
import io.voucher.client.LoadedVouchers;
import io.voucher.client.PlaybackGrant;
import io.voucher.client.ResetReport;
import io.voucher.client.VoucherState;
import io.voucher.client.platform.HttpDevicePlatform;
import io.voucher.client.store.DeviceStore;
import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.group.GroupId;
import io.voucher.crypto.pki.DeviceProfile;
import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.SecurityLevel;
import io.voucher.crypto.testing.TestClock;
import io.voucher.crypto.voucher.ContentKey;
import io.voucher.crypto.voucher.TrackType;
import io.voucher.domain.content.ContentId;
import io.voucher.domain.content.ContentKeyMaterial;
import io.voucher.domain.content.ContentService;
import io.voucher.domain.content.KeyRequest;
import io.voucher.domain.provider.ProviderService;
import io.voucher.domain.testing.PostgresTest;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The seed's flows from the device's side, end to end against the running platform and
 * driven through the device SDK only: devices individualize with the built-in Device CA,
 * register generated IDs, fetch their out-of-band bundles, share group licenses, survive
 * a factory reset and get refused once revoked.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "voucher.jobs.polling-interval=200ms", "voucher.pregeneration.renewal-sweep-interval=1s",
				"voucher.admin.initial-username=root",
				"voucher.admin.initial-password=" + DeviceSdkFlowTests.ADMIN_PASSWORD })
@PostgresTest
class DeviceSdkFlowTests {

	static final char[] PASSWORD = "device store password".toCharArray();

	static final String ADMIN_PASSWORD = "sdk flow admin password";

	static final DeviceProfile PHONE = new DeviceProfile("Acme", "Phone", SecurityLevel.of(1), HdcpVersion.HDCP_NONE);

	@LocalServerPort
	int port;

	@Autowired
	ProviderService providers;

	@Autowired
	ContentService contents;

	@TempDir
	Path stores;

	ProviderBackend backend;

	UUID providerId;

	@BeforeEach
	void providerWithContentAndPolicy() {
		String provider = "sdk-" + UUID.randomUUID().toString().substring(0, 8);
		this.providerId = this.providers.create(provider, "Device SDK").id();
		this.backend = new ProviderBackend(new HttpTester(this.port), provider,
				this.providers.createCredential(provider, "backend").token());
		this.contents.create(this.providerId, new ContentId("movie"), "Movie",
				List.of(KeyRequest.generate(TrackType.SD), KeyRequest.generate(TrackType.AUDIO)));
		this.backend.policy("sdk");
	}

	@Test
	void individualizeRegisterEntitleFetchTheBundleAndPlay() {
		DrmManager device = device("a");
		GeneratedId id = GeneratedId.random();

		device.individualize(PHONE);
		device.authenticate(id, this.backend.provider());
		this.backend.entitle(id.value(), "movie", "sdk");
		List<DeviceVoucher> stored = ProviderBackend.await(() -> device.loadVouchers(id));
		PlaybackGrant grant = device.play("movie");

		assertThat(stored).singleElement().satisfies((voucher) -> assertThat(voucher.persisted()).isTrue());
		assertThat(keys(grant.contentKeys())).isEqualTo(serverKeys("movie"));
		assertThat(device.listVouchers()).singleElement()
			.satisfies((status) -> assertThat(status.state()).isEqualTo(VoucherState.PLAYABLE));
		assertThat(device("a").play("movie").keyIds()).as("after a restart").isEqualTo(grant.keyIds());
	}

	@Test
	void groupLicenseExportedOnOneMemberIsImportedAndPlayedOnAnother() {
		DrmManager first = device("first");
		DrmManager second = device("second");
		first.individualize(PHONE);
		second.individualize(PHONE);
		GroupId group = new GroupId(this.backend.createGroup(3));

		first.joinDeviceGroup(group, this.backend.joinToken(group.value()));
		second.joinDeviceGroup(group, this.backend.joinToken(group.value()));
		this.backend.entitleGroup(group.value(), "movie", "sdk");
		DeviceVoucher onFirst = ProviderBackend.await(() -> first.loadGroupVouchers(group)).get(0);
		byte[] exported = first.voucher(onFirst.licenseId()).toByteArray();
		DeviceVoucher imported = second.storeVoucher(exported);

		assertThat(imported.licenseId()).isEqualTo(onFirst.licenseId());
		assertThat(keys(second.play("movie").contentKeys())).isEqualTo(serverKeys("movie"))
			.isEqualTo(keys(first.play("movie").contentKeys()));
	}

	@Test
	void factoryResetRefusesTheStaleLicenseThenTransferBringsANewBundle() {
		DrmManager device = device("resetting");
		device.individualize(PHONE);
		GeneratedId oldId = GeneratedId.random();
		device.authenticate(oldId, this.backend.provider());
		this.backend.entitle(oldId.value(), "movie", "sdk");
		DeviceVoucher before = ProviderBackend.await(() -> device.loadVouchers(oldId)).get(0);
		byte[] stale = device.voucher(before.licenseId()).toByteArray();

		ResetReport reset = device.resetDRM();
		device.individualize(PHONE);
		GeneratedId newId = GeneratedId.random();
		device.authenticate(newId, this.backend.provider());

		assertThat(reset.previousRegistrations()).containsExactly(oldId);
		assertRefused(() -> device.storeVoucher(stale), DrmError.LICENSE_BOUND_TO_ANOTHER_DEVICE);
		assertRefused(() -> device.play("movie"), DrmError.LICENSE_NOT_FOUND);

		this.backend.post("/api/v1/registrations/" + oldId + "/transfer", "{\"to_generated_id\": \"" + newId + "\"}");
		ProviderBackend.await(() -> device.loadVouchers(newId));

		assertThat(keys(device.play("movie").contentKeys())).isEqualTo(serverKeys("movie"));
		assertRefused(() -> device.loadVouchers(oldId), DrmError.REGISTRATION_GONE);
	}

	@Test
	void revokedDeviceIsRefusedEverywhere() {
		DrmManager device = device("revoked");
		device.individualize(PHONE);
		GeneratedId id = GeneratedId.random();
		device.authenticate(id, this.backend.provider());
		this.backend.entitle(id.value(), "movie", "sdk");
		ProviderBackend.await(() -> device.loadVouchers(id));
		device.play("movie");

		HttpResponse<String> revoked = new HttpTester(this.port).request("POST", "/api/v1/admin/device-revocations")
			.basic("root", ADMIN_PASSWORD)
			.json("{\"fingerprint\": \"" + device.device().orElseThrow().fingerprint().value()
					+ "\", \"reason\": \"cloned\"}")
			.send();
		assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);

		assertThat(device.updateRevocationList()).isTrue();
		assertRefused(() -> device.play("movie"), DrmError.DEVICE_REVOKED);
		assertRefused(() -> device.loadVouchers(id), DrmError.REGISTRATION_GONE);
		assertRefused(() -> device.authenticate(GeneratedId.random(), this.backend.provider()),
				DrmError.DEVICE_REVOKED);
	}

	@Test
	void onlineLicenseThroughTheProvidersProxyIsStoredAndPlays() {
		DrmManager device = device("online");
		device.individualize(PHONE);

		DeviceVoucher voucher = device.loadVoucher(LicenseRequest.offline("movie"), this.backend);

		assertThat(voucher.persisted()).isTrue();
		// The license message takes the template's default tracks (SD_ONLY): SD video and
		// audio.
		assertThat(keys(device.play("movie").contentKeys())).isEqualTo(serverKeys("movie"));
		assertRefused(() -> device.loadVoucher(LicenseRequest.offline("no-such-content"), this.backend),
				DrmError.LICENSE_REQUEST_DENIED);
	}

	@Test
	void deviceKeepsReceivingNewContentAfterOneOfItsLicensesExpired() {
		TestClock clock = TestClock.now();
		DrmManager device = device("expiring", clock);
		device.individualize(PHONE);
		GeneratedId id = GeneratedId.random();
		device.authenticate(id, this.backend.provider());
		this.backend.post("/api/v1/policies",
				"{\"name\": \"hour\", \"can_play\": true, \"can_persist\": true, \"license_duration_seconds\": 3600}");
		this.backend.entitle(id.value(), "movie", "hour");
		String movieLicense = ProviderBackend.await(() -> device.loadVouchers(id)).get(0).licenseId();

		// Two hours later on the device: the movie's license has expired there; the
		// provider entitles new content.
		clock.advance(Duration.ofHours(2));
		this.contents.create(this.providerId, new ContentId("series"), "Series",
				List.of(KeyRequest.generate(TrackType.SD)));
		this.backend.entitle(id.value(), "series", "sdk");
		LoadedVouchers loaded = ProviderBackend.awaitLoaded(() -> device.loadVouchers(id),
				(result) -> result.stored().stream().anyMatch((voucher) -> voucher.contentId().equals("series")));

		assertThat(loaded.stored()).extracting(DeviceVoucher::contentId).containsExactly("series");
		assertThat(loaded.refused()).singleElement().satisfies((refused) -> {
			assertThat(refused.licenseId()).isEqualTo(movieLicense);
			assertThat(refused.contentId()).isEqualTo("movie");
			assertThat(refused.error()).isEqualTo(DrmError.LICENSE_EXPIRED);
		});
		assertThat(keys(device.play("series").contentKeys())).isEqualTo(serverKeys("series"));
		assertRefused(() -> device.play("movie"), DrmError.LICENSE_EXPIRED);
	}

	@Test
	void expiredLicenseLeavesTheBundleAndOneWhosePolicyRenewsIsMadeAgain() {
		DrmManager device = device("renewed");
		device.individualize(PHONE);
		GeneratedId id = GeneratedId.random();
		device.authenticate(id, this.backend.provider());
		this.contents.create(this.providerId, new ContentId("series"), "Series",
				List.of(KeyRequest.generate(TrackType.SD)));
		this.backend.post("/api/v1/policies", "{\"name\": \"brief\", \"can_play\": true, \"can_persist\": true, "
				+ "\"license_duration_seconds\": 2}");
		this.backend.post("/api/v1/policies", "{\"name\": \"brief-renewable\", \"can_play\": true, "
				+ "\"can_persist\": true, \"can_renew\": true, \"license_duration_seconds\": 2}");
		this.backend.entitle(id.value(), "series", "brief");
		this.backend.entitle(id.value(), "movie", "brief-renewable");
		Map<String, String> first = ProviderBackend.awaitBundle(this.backend, id.value(),
				(licenses) -> licenses.size() == 2);

		Map<String, String> later = ProviderBackend.awaitBundle(this.backend, id.value(),
				(licenses) -> !licenses.containsKey("series") && licenses.containsKey("movie")
						&& !licenses.get("movie").equals(first.get("movie")));

		assertThat(later).containsOnlyKeys("movie");
		assertThat(later.get("movie")).isNotEqualTo(first.get("movie"));
	}

	@Test
	void bundleOfAnUnknownIdIsNotFound() {
		DrmManager device = device("unknown");
		device.individualize(PHONE);

		assertRefused(() -> device.loadVouchers(GeneratedId.random()), DrmError.REGISTRATION_NOT_FOUND);
	}

	private DrmManager device(String name) {
		return device(name, Clock.systemUTC());
	}

	private DrmManager device(String name, Clock clock) {
		return DrmManager.builder()
			.store(DeviceStore.open(this.stores.resolve(name), PASSWORD))
			.platform(new HttpDevicePlatform(URI.create("http://localhost:" + this.port)))
			.clock(clock)
			.build();
	}

	private Map<String, String> serverKeys(String contentId) {
		Map<String, String> keys = new TreeMap<>();
		for (ContentKeyMaterial key : this.contents.activeKeys(this.providerId, new ContentId(contentId))) {
			keys.put(key.keyId().toBase64Url(), HexFormat.of().formatHex(key.key().toByteArray()));
		}
		return keys;
	}

	private static Map<String, String> keys(List<ContentKey> keys) {
		Map<String, String> result = new TreeMap<>();
		for (ContentKey key : keys) {
			result.put(key.keyId().toBase64Url(), HexFormat.of().formatHex(key.key().toByteArray()));
		}
		return result;
	}

	private static void assertRefused(ThrowingCallable call, DrmError error) {
		assertThatExceptionOfType(DrmException.class).isThrownBy(call)
			.satisfies((ex) -> assertThat(ex.error()).as(ex.getMessage()).isEqualTo(error));
	}

}
