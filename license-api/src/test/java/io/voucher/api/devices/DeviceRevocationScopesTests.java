package io.voucher.api.devices;

import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.voucher.api.testing.HttpTester;
import io.voucher.api.testing.TrustedManufacturer;
import io.voucher.crypto.challenge.Challenge;
import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.challenge.GroupRequest;
import io.voucher.crypto.challenge.RegistrationRequest;
import io.voucher.crypto.group.GroupId;
import io.voucher.crypto.keys.KeyMaterial;
import io.voucher.crypto.keys.LicenseTrust;
import io.voucher.crypto.pki.DeviceCertificate;
import io.voucher.crypto.pki.DeviceFingerprint;
import io.voucher.crypto.pki.DeviceIdentity;
import io.voucher.crypto.pki.DeviceKeyPair;
import io.voucher.crypto.pki.DeviceProfile;
import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.KeyType;
import io.voucher.crypto.pki.SecurityLevel;
import io.voucher.crypto.revocation.RevocationList;
import io.voucher.crypto.revocation.RevocationLists;
import io.voucher.crypto.testing.TestPki;
import io.voucher.crypto.voucher.TrackType;
import io.voucher.domain.content.ContentId;
import io.voucher.domain.content.ContentService;
import io.voucher.domain.content.KeyRequest;
import io.voucher.domain.policy.PlaybackPolicy;
import io.voucher.domain.policy.PolicyName;
import io.voucher.domain.policy.PolicyService;
import io.voucher.domain.provider.ProviderService;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The two revocation scopes and device admission end to end, on real PostgreSQL and real
 * crypto: a provider's block refuses a device for that provider only; an administrator's
 * platform-wide revocation refuses it everywhere, goes on the signed list and follows the
 * device key (a new certificate for the key, from the Device CA or a manufacturer root,
 * is refused); a provider's admission settings refuse the built-in Device CA, other
 * roots, or low security levels, on every device path.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "voucher.admin.initial-username=root",
				"voucher.admin.initial-password=" + DeviceRevocationScopesTests.PASSWORD,
				"voucher.jobs.polling-interval=200ms" })
@PostgresTest
class DeviceRevocationScopesTests {

	static final String PASSWORD = "revocation admin password";

	/** A manufacturer PKI whose root the server trusts. */
	static final TestPki manufacturer = TestPki.create();

	static final Duration WAIT = Duration.ofSeconds(60);

	@DynamicPropertySource
	static void trustManufacturerRoot(DynamicPropertyRegistry registry) {
		TrustedManufacturer.trust(registry, manufacturer);
	}

	@LocalServerPort
	int port;

	@Autowired
	ProviderService providers;

	@Autowired
	ContentService contents;

	@Autowired
	PolicyService policies;

	@Autowired
	KeyMaterial keyMaterial;

	@Autowired
	JdbcTemplate jdbc;

	HttpTester http;

	Provider a;

	Provider b;

	@BeforeEach
	void twoProviders() {
		this.http = new HttpTester(this.port);
		this.a = provider("a");
		this.b = provider("b");
	}

	@Test
	void providerBlockRefusesTheDeviceForThatProviderOnly() {
		DeviceKeyPair keys = DeviceKeyPair.generate(KeyType.EC_P256);
		DeviceIdentity device = manufacturerDevice(keys, 3);
		GeneratedId atA = GeneratedId.random();
		GeneratedId atB = GeneratedId.random();
		assertThat(register(device, atA, this.a).statusCode()).isEqualTo(201);
		assertThat(register(device, atB, this.b).statusCode()).isEqualTo(201);
		String groupA = createGroup(this.a);
		String groupB = createGroup(this.b);
		assertThat(join(device, groupA, this.a).statusCode()).isEqualTo(201);
		assertThat(join(device, groupB, this.b).statusCode()).isEqualTo(201);
		String fingerprint = device.certificate().fingerprint().value();

		HttpResponse<String> blocked = this.http.request("POST", "/api/v1/devices/" + fingerprint + "/revoke")
			.bearer(this.a.token())
			.json("{\"reason\": \"fraud on our service\"}")
			.send();

		assertThat(blocked.statusCode()).as(blocked.body()).isEqualTo(200);
		assertThat(HttpTester.json(blocked).path("key_id").asString()).isEqualTo(keyId(keys));
		// Provider A refuses the device everywhere...
		assertThat(licenseStatus(device, this.a)).isEqualTo("DRM_DEVICE_CERTIFICATE_REVOKED");
		assertThat(registration(atA, this.a).path("status").asString()).isEqualTo("REVOKED");
		assertProblem(register(device, GeneratedId.random(), this.a), 403, "DEVICE_BLOCKED");
		assertProblem(credential(device, groupA), 403, "DEVICE_BLOCKED");
		assertProblem(join(device, groupA, this.a), 403, "DEVICE_BLOCKED");
		// ...provider B does not see any change...
		assertThat(licenseStatus(device, this.b)).isEqualTo("OK");
		assertThat(registration(atB, this.b).path("status").asString()).isEqualTo("ACTIVE");
		assertThat(register(device, GeneratedId.random(), this.b).statusCode()).isEqualTo(201);
		assertThat(credential(device, groupB).statusCode()).isEqualTo(200);
		assertThat(this.http.get("/device/v1/registrations/" + atB + "/licenses").statusCode()).isEqualTo(200);
		// ...and the block is the provider's, not the platform's.
		assertThat(blocks(this.a).path("items").findValuesAsString("fingerprint")).containsExactly(fingerprint);
		assertThat(blocks(this.a).path("items").get(0).path("blocked_by").asString()).startsWith(this.a.name());
		assertThat(blocks(this.b).path("items")).isEmpty();
		assertThat(revocationList().revoked()).extracting(DeviceFingerprint::value).doesNotContain(fingerprint);
		// The block follows the key: a new certificate for it is refused by A, not by B.
		DeviceIdentity again = individualized(keys);
		assertThat(licenseStatus(again, this.a)).isEqualTo("DRM_DEVICE_CERTIFICATE_REVOKED");
		assertThat(licenseStatus(again, this.b)).isEqualTo("OK");
	}

	@Test
	void adminActingForAProviderBlocksForThatProviderOnly() {
		DeviceIdentity device = manufacturerDevice(DeviceKeyPair.generate(KeyType.EC_P256), 3);
		String fingerprint = device.certificate().fingerprint().value();

		HttpResponse<String> blocked = this.http
			.request("POST", "/api/v1/devices/" + fingerprint + "/revoke?provider=" + this.a.name())
			.basic("root", PASSWORD)
			.json("{\"reason\": \"chargeback\"}")
			.send();

		assertThat(blocked.statusCode()).as(blocked.body()).isEqualTo(200);
		assertThat(HttpTester.json(blocked).path("blocked_by").asString()).isEqualTo("root");
		assertThat(licenseStatus(device, this.a)).isEqualTo("DRM_DEVICE_CERTIFICATE_REVOKED");
		assertThat(licenseStatus(device, this.b)).isEqualTo("OK");
	}

	@Test
	void platformRevocationByAnAdminRefusesTheDeviceEverywhereAndFollowsItsKey() {
		DeviceKeyPair keys = DeviceKeyPair.generate(KeyType.EC_P256);
		DeviceIdentity device = individualized(keys);
		String fingerprint = device.certificate().fingerprint().value();
		assertThat(licenseStatus(device, this.a)).isEqualTo("OK");
		String group = createGroup(this.b);

		HttpResponse<String> byProvider = platformRevoke(fingerprint, "Bearer " + this.a.token());
		HttpResponse<String> revoked = platformRevoke(fingerprint, basic("root", PASSWORD));

		assertThat(byProvider.statusCode()).isEqualTo(403);
		assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
		assertThat(HttpTester.json(revoked).path("key_id").asString()).isEqualTo(keyId(keys));
		assertThat(HttpTester.json(revoked).path("revoked_by").asString()).isEqualTo("root");
		assertThat(licenseStatus(device, this.a)).isEqualTo("DRM_DEVICE_CERTIFICATE_REVOKED");
		assertThat(licenseStatus(device, this.b)).isEqualTo("DRM_DEVICE_CERTIFICATE_REVOKED");
		assertProblem(register(device, GeneratedId.random(), this.b), 403, "DEVICE_REVOKED");
		assertProblem(join(device, group, this.b), 403, "DEVICE_REVOKED");
		assertThat(revocationList().revoked()).extracting(DeviceFingerprint::value).contains(fingerprint);
		// The Device CA does not certify the revoked key again...
		assertProblem(individualize(keys), 403, "DEVICE_KEY_REVOKED");
		assertThat(individualize(DeviceKeyPair.generate(KeyType.EC_P256)).statusCode()).isEqualTo(201);
		// ...and a manufacturer certificate for that key is refused on every path.
		DeviceIdentity fromManufacturer = manufacturerDevice(keys, 3);
		assertThat(licenseStatus(fromManufacturer, this.a)).isEqualTo("DRM_DEVICE_CERTIFICATE_REVOKED");
		assertProblem(register(fromManufacturer, GeneratedId.random(), this.a), 403, "DEVICE_REVOKED");
		assertProblem(join(fromManufacturer, group, this.b), 403, "DEVICE_REVOKED");
		assertThat(platformRevocations(fingerprint).path("items").get(0).path("key_id").asString())
			.isEqualTo(keyId(keys));
	}

	@Test
	void revocationOfACertificateNeverSeenLearnsItsKeyWhenTheCertificateComesBack() {
		DeviceKeyPair keys = DeviceKeyPair.generate(KeyType.EC_P256);
		DeviceIdentity device = manufacturerDevice(keys, 3);
		String fingerprint = device.certificate().fingerprint().value();

		HttpResponse<String> revoked = platformRevoke(fingerprint, basic("root", PASSWORD));
		String firstRefusal = licenseStatus(device, this.a);
		String otherCertificate = licenseStatus(manufacturerDevice(keys, 3), this.b);

		assertThat(HttpTester.json(revoked).has("key_id")).as(revoked.body()).isFalse();
		assertThat(firstRefusal).isEqualTo("DRM_DEVICE_CERTIFICATE_REVOKED");
		assertThat(otherCertificate).isEqualTo("DRM_DEVICE_CERTIFICATE_REVOKED");
		assertThat(this.jdbc.queryForObject("SELECT key_id FROM revoked_device WHERE fingerprint = ?", String.class,
				fingerprint))
			.isEqualTo(keyId(keys));
	}

	@Test
	void providerRefusingTheBuiltInCaRefusesSelfIndividualizedDevices() {
		DeviceIdentity selfMade = individualized(DeviceKeyPair.generate(KeyType.EC_P256));
		DeviceIdentity manufactured = manufacturerDevice(DeviceKeyPair.generate(KeyType.EC_P256), 1);
		String group = createGroup(this.a);

		HttpResponse<String> updated = admission(this.a, false, true, List.of(), 1);

		assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
		assertThat(HttpTester.json(updated).path("accept_built_in_ca").asBoolean()).isFalse();
		assertThat(HttpTester.json(updated).path("updated_by").asString()).startsWith(this.a.name());
		assertThat(licenseStatus(selfMade, this.a)).isEqualTo("DEVICE_NOT_ADMITTED");
		assertProblem(register(selfMade, GeneratedId.random(), this.a), 403, "DEVICE_NOT_ADMITTED");
		assertProblem(join(selfMade, group, this.a), 403, "DEVICE_NOT_ADMITTED");
		assertThat(licenseStatus(manufactured, this.a)).isEqualTo("OK");
		assertThat(licenseStatus(selfMade, this.b)).isEqualTo("OK");
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM audit_event WHERE action = 'PUT /api/v1/device-admission' AND provider_id = ?",
				Long.class, this.a.id()))
			.isEqualTo(1);

		// Only listed manufacturer roots: none, then this manufacturer's.
		admission(this.a, false, false, List.of(), 1);
		String refused = licenseStatus(manufactured, this.a);
		admission(this.a, false, false, List.of(DeviceFingerprint.of(manufacturer.deviceCa().root()).value()), 1);
		String listed = licenseStatus(manufactured, this.a);

		assertThat(refused).isEqualTo("DEVICE_NOT_ADMITTED");
		assertThat(listed).isEqualTo("OK");
	}

	@Test
	void providerMinimumSecurityLevelRefusesWeakerDevicesOnEveryPath() {
		DeviceIdentity weak = manufacturerDevice(DeviceKeyPair.generate(KeyType.EC_P256), 2);
		DeviceIdentity strong = manufacturerDevice(DeviceKeyPair.generate(KeyType.EC_P256), 3);
		GeneratedId registered = GeneratedId.random();
		grant(registered, this.a);
		assertThat(register(weak, registered, this.a).statusCode()).isEqualTo(201);
		awaitBundleSize(registered, 1);
		JsonNode defaults = HttpTester
			.json(this.http.request("GET", "/api/v1/device-admission").bearer(this.a.token()).send());

		admission(this.a, true, true, List.of(), 3);

		assertThat(defaults.path("min_security_level").asInt()).isEqualTo(1);
		assertThat(defaults.path("accept_built_in_ca").asBoolean()).isTrue();
		assertThat(defaults.has("updated_at")).isFalse();
		assertThat(licenseStatus(weak, this.a)).isEqualTo("DEVICE_NOT_ADMITTED");
		assertThat(licenseStatus(strong, this.a)).isEqualTo("OK");
		assertThat(licenseStatus(weak, this.b)).isEqualTo("OK");
		assertProblem(register(weak, GeneratedId.random(), this.a), 403, "DEVICE_NOT_ADMITTED");
		assertProblem(this.http.get("/device/v1/registrations/" + registered + "/licenses"), 403,
				"DEVICE_NOT_ADMITTED");
		// Pre-generation gives a device the provider no longer admits no license.
		String job = HttpTester.json(grant(registered, this.a, "extra")).path("job_id").asString();
		awaitJob(job, this.a);
		assertThat(
				this.jdbc.queryForObject(
						"SELECT count(*) FROM pregenerated_license l JOIN registration r ON r.id = l.registration_id "
								+ "WHERE r.generated_id = ? AND l.withdrawn_at IS NULL",
						Long.class, registered.value()))
			.isZero();
	}

	// --- helpers

	record Provider(String name, UUID id, String token) {
	}

	private Provider provider(String label) {
		String name = "rev-" + label + "-" + UUID.randomUUID().toString().substring(0, 8);
		UUID id = this.providers.create(name, "Revocation " + label).id();
		String token = this.providers.createCredential(name, "backend").token();
		this.contents.create(id, new ContentId("clip"), "Clip", List.of(KeyRequest.generate(TrackType.SD)));
		this.contents.create(id, new ContentId("extra"), "Extra", List.of(KeyRequest.generate(TrackType.SD)));
		this.policies.create(id, new PolicyName("rental"),
				PlaybackPolicy.builder().canPlay(true).canPersist(true).licenseDurationSeconds(86_400).build(),
				Map.of());
		return new Provider(name, id, token);
	}

	private static DeviceIdentity manufacturerDevice(DeviceKeyPair keys, int level) {
		DeviceCertificate certificate = manufacturer.deviceCa()
			.issue(keys.createCsr(), new DeviceProfile("Acme", "Box", SecurityLevel.of(level), HdcpVersion.HDCP_V2));
		return keys.certified(certificate);
	}

	private HttpResponse<String> individualize(DeviceKeyPair keys) {
		return this.http.request("POST", "/device/v1/individualization")
			.json("{\"csr\": \"%s\", \"make\": \"Acme\", \"model\": \"Phone\", \"security_level\": 1}"
				.formatted(Base64.getEncoder().encodeToString(keys.createCsr())))
			.send();
	}

	private DeviceIdentity individualized(DeviceKeyPair keys) {
		HttpResponse<String> response = individualize(keys);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		List<byte[]> chain = new ArrayList<>();
		HttpTester.json(response)
			.path("certificate_chain")
			.forEach((der) -> chain.add(Base64.getDecoder().decode(der.asString())));
		return keys.certified(DeviceCertificate.parseDer(chain));
	}

	private static String keyId(DeviceKeyPair keys) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(keys.publicKey().getEncoded());
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String licenseStatus(DeviceIdentity device, Provider provider) {
		String challenge = Challenge.builder().contentId("clip").issuedAt(Instant.now()).build().signWith(device);
		HttpResponse<String> response = this.http.request("POST", "/api/v1/licenses")
			.bearer(provider.token())
			.json("{\"payload\": \"%s\", \"provider\": \"%s\"}".formatted(challenge, provider.name()))
			.send();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return HttpTester.json(response).path("status").asString();
	}

	private HttpResponse<String> register(DeviceIdentity device, GeneratedId id, Provider provider) {
		String request = RegistrationRequest.of(id, provider.name(), Clock.systemUTC()).signWith(device);
		return this.http.request("POST", "/device/v1/registrations")
			.json("{\"registration\": \"" + request + "\"}")
			.send();
	}

	private JsonNode registration(GeneratedId id, Provider provider) {
		return HttpTester.json(this.http.request("GET", "/api/v1/registrations/" + id).bearer(provider.token()).send());
	}

	private String createGroup(Provider provider) {
		HttpResponse<String> response = this.http.request("POST", "/api/v1/device-groups")
			.bearer(provider.token())
			.json("{\"name\": \"Family\", \"max_members\": 5}")
			.send();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return HttpTester.json(response).path("group_id").asString();
	}

	private HttpResponse<String> join(DeviceIdentity device, String group, Provider provider) {
		HttpResponse<String> token = this.http.request("POST", "/api/v1/device-groups/" + group + "/join-tokens")
			.bearer(provider.token())
			.json("{}")
			.send();
		assertThat(token.statusCode()).as(token.body()).isEqualTo(201);
		String request = GroupRequest
			.of(GroupRequest.Action.JOIN, new GroupId(group), HttpTester.json(token).path("token").asString(),
					Clock.systemUTC())
			.signWith(device);
		return this.http.request("POST", "/device/v1/device-groups/" + group + "/members")
			.header("Authorization", "Device " + request)
			.send();
	}

	private HttpResponse<String> credential(DeviceIdentity device, String group) {
		String request = GroupRequest.of(GroupRequest.Action.CREDENTIAL, new GroupId(group), null, Clock.systemUTC())
			.signWith(device);
		return this.http.request("GET", "/device/v1/device-groups/" + group + "/credential")
			.header("Authorization", "Device " + request)
			.send();
	}

	private JsonNode blocks(Provider provider) {
		HttpResponse<String> response = this.http.request("GET", "/api/v1/devices/blocks")
			.bearer(provider.token())
			.send();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return HttpTester.json(response);
	}

	private HttpResponse<String> platformRevoke(String fingerprint, String authorization) {
		return this.http.request("POST", "/api/v1/admin/device-revocations")
			.header("Authorization", authorization)
			.json("{\"fingerprint\": \"" + fingerprint + "\", \"reason\": \"key extracted\"}")
			.send();
	}

	private JsonNode platformRevocations(String fingerprint) {
		return HttpTester.json(this.http.request("GET", "/api/v1/admin/device-revocations?fingerprint=" + fingerprint)
			.basic("root", PASSWORD)
			.send());
	}

	private RevocationList revocationList() {
		HttpResponse<String> response = this.http.get("/device/v1/revocation-list");
		assertThat(response.statusCode()).isEqualTo(200);
		return RevocationLists.verify(response.body(),
				LicenseTrust.pinning(this.keyMaterial.licenseRoot(), Clock.systemUTC()), 0);
	}

	private HttpResponse<String> admission(Provider provider, boolean builtIn, boolean allRoots, List<String> roots,
			int minLevel) {
		String listed = String.join(",", roots.stream().map((root) -> "\"" + root + "\"").toList());
		HttpResponse<String> response = this.http.request("PUT", "/api/v1/device-admission")
			.bearer(provider.token())
			.json("{\"accept_built_in_ca\": %s, \"all_manufacturer_roots\": %s, \"manufacturer_roots\": [%s], "
				.formatted(builtIn, allRoots, listed) + "\"min_security_level\": " + minLevel + "}")
			.send();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return response;
	}

	private HttpResponse<String> grant(GeneratedId id, Provider provider) {
		return grant(id, provider, "clip");
	}

	private HttpResponse<String> grant(GeneratedId id, Provider provider, String contentId) {
		HttpResponse<String> response = this.http.request("POST", "/api/v1/entitlements")
			.bearer(provider.token())
			.json("{\"generated_id\": \"" + id + "\", \"content_id\": \"" + contentId
					+ "\", \"policy_name\": \"rental\"}")
			.send();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return response;
	}

	private void awaitBundleSize(GeneratedId id, int size) {
		Instant deadline = Instant.now().plus(WAIT);
		while (true) {
			HttpResponse<String> response = this.http.get("/device/v1/registrations/" + id + "/licenses");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			if (HttpTester.json(response).path("licenses").size() == size) {
				return;
			}
			assertThat(Instant.now()).as("bundle of %s", id).isBefore(deadline);
			pause();
		}
	}

	private void awaitJob(String jobId, Provider provider) {
		Instant deadline = Instant.now().plus(WAIT);
		while (true) {
			JsonNode job = HttpTester
				.json(this.http.request("GET", "/api/v1/jobs/" + jobId).bearer(provider.token()).send());
			String status = job.path("status").asString();
			if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
				assertThat(status).as(job.toString()).isEqualTo("SUCCEEDED");
				return;
			}
			assertThat(Instant.now()).as("job %s", job).isBefore(deadline);
			pause();
		}
	}

	private static void pause() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void assertProblem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(HttpTester.json(response).path("code").asString()).isEqualTo(code);
	}

	private static String basic(String username, String password) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

}
