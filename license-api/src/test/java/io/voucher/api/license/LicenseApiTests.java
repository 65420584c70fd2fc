package io.voucher.api.license;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.voucher.api.testing.HttpTester;
import io.voucher.api.testing.TrustedManufacturer;
import io.voucher.crypto.challenge.Challenge;
import io.voucher.crypto.keys.KeyMaterial;
import io.voucher.crypto.keys.LicenseTrust;
import io.voucher.crypto.keys.SecretBytes;
import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.SecurityLevel;
import io.voucher.crypto.voucher.ContentKey;
import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.LicenseType;
import io.voucher.crypto.voucher.OpenedVoucher;
import io.voucher.crypto.voucher.TrackType;
import io.voucher.crypto.voucher.VoucherOpener;
import io.voucher.crypto.testing.TestDevice;
import io.voucher.crypto.testing.TestPki;
import io.voucher.domain.content.ContentId;
import io.voucher.domain.content.ContentKeyMaterial;
import io.voucher.domain.content.ContentService;
import io.voucher.domain.content.KeyRequest;
import io.voucher.domain.policy.PlaybackPolicy;
import io.voucher.domain.policy.PolicyName;
import io.voucher.domain.policy.PolicyService;
import io.voucher.domain.policy.TrackRequirement;
import io.voucher.domain.provider.ProviderService;
import io.voucher.domain.testing.PostgresTest;
import io.voucher.registry.revocation.DeviceRevocations;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
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
 * The license message end to end on real PostgreSQL, with devices made by the
 * license-crypto fixtures: every issued license is opened with the device's key and its
 * keys, policy and tokens are checked, not just the status.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@PostgresTest
class LicenseApiTests {

	/** A manufacturer PKI whose root the server is configured to trust. */
	static final TestPki manufacturer = TestPki.create();

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
	DeviceRevocations revocations;

	@Autowired
	KeyMaterial keyMaterial;

	@Autowired
	JdbcTemplate jdbc;

	HttpTester http;

	String provider;

	UUID providerId;

	String token;

	TestDevice device;

	@BeforeEach
	void providerContentAndDevice() {
		this.http = new HttpTester(this.port);
		this.provider = "lic-" + UUID.randomUUID().toString().substring(0, 8);
		this.providerId = this.providers.create(this.provider, "Licenses").id();
		this.token = this.providers.createCredential(this.provider, "proxy").token();
		this.contents.create(this.providerId, new ContentId("movie"), "Movie",
				List.of(KeyRequest.generate(TrackType.AUDIO), KeyRequest.generate(TrackType.SD),
						KeyRequest.generate(TrackType.HD), KeyRequest.generate(TrackType.UHD1)));
		this.device = manufacturer.newDevice().make("Acme").model("TV-1").securityLevel(1).build();
	}

	@Test
	void newLicenseWithStoredPolicyAndOverridesCarriesTheKeysPolicyAndTokens() {
		this.policies.create(this.providerId, new PolicyName("rental"),
				PlaybackPolicy.builder()
					.canPlay(true)
					.canPersist(true)
					.rentalDurationSeconds(172_800)
					.playbackDurationSeconds(14_400)
					.build(),
				Map.of());

		JsonNode response = license("""
				{"payload": "%s", "content_id": "%s", "provider": "%s", "policy_name": "rental",
				 "allowed_track_types": "SD_HD",
				 "policy_overrides": {"can_persist": false, "license_duration_seconds": 3600},
				 "session_init": {"provider_session_token": "c2Vzc2lvbg==", "provider_client_token": "Y2xpZW50"}}"""
			.formatted(challenge(), b64("movie"), this.provider));

		assertThat(response.path("status").asString()).as(response.toString()).isEqualTo("OK");
		OpenedVoucher opened = open(response);
		assertThat(opened.contentKeys()).extracting((key) -> key.grant().trackType())
			.containsExactlyInAnyOrder(TrackType.AUDIO, TrackType.SD, TrackType.HD);
		for (ContentKey key : opened.contentKeys()) {
			assertThat(key.key().equalsSecret(serverKey(key.keyId()))).as(key.grant().trackType().name()).isTrue();
		}
		assertThat(opened.terms().policy().canPlay()).isTrue();
		assertThat(opened.terms().policy().canPersist()).isFalse();
		assertThat(opened.terms().policy().rentalDurationSeconds()).isEqualTo(172_800);
		assertThat(opened.terms().policy().playbackDurationSeconds()).isEqualTo(14_400);
		assertThat(opened.terms().policy().licenseDurationSeconds()).isEqualTo(3600);
		assertThat(Duration.between(opened.terms().issuedAt(), opened.terms().expiresAt()))
			.isEqualTo(Duration.ofHours(1));
		assertThat(opened.terms().sessionTokens()).containsEntry("provider_session_token", "c2Vzc2lvbg==")
			.containsEntry("provider_client_token", "Y2xpZW50");
		assertThat(opened.terms().provider()).isEqualTo(this.provider);
		assertThat(opened.terms().contentId()).isEqualTo("movie");
		assertThat(response.path("supported_tracks").findValuesAsString("type")).containsExactlyInAnyOrder("AUDIO",
				"SD", "HD");
		assertThat(response.path("session_state").path("license_counter").asInt()).isEqualTo(1);
		assertThat(response.path("session_state").path("license_id").asString()).isEqualTo(opened.terms().licenseId());
		assertThat(response.path("license_metadata").path("request_type").asString()).isEqualTo("NEW");
		assertThat(response.path("make").asString()).isEqualTo("Acme");
		assertThat(response.path("model").asString()).isEqualTo("TV-1");
		assertThat(response.path("security_level").asInt()).isEqualTo(1);
		assertThat(recorded()).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT policy_name FROM issued_license WHERE provider_id = ?",
				String.class, this.providerId))
			.isEqualTo("rental");
	}

	@Test
	void everyAnswerIsCountedAndTimedByProviderRequestTypeAndStatus() {
		license("{\"payload\": \"%s\", \"provider\": \"%s\"}".formatted(challenge(), this.provider));
		license("{\"payload\": \"%s\", \"provider\": \"%s\", \"policy_name\": \"nope\"}".formatted(challenge(),
				this.provider));

		String metrics = this.http.scrape().body();

		assertThat(metrics)
			.containsPattern("voucher_license_requests_seconds_count\\{[^}]*provider=\"" + this.provider
					+ "\"[^}]*request_type=\"NEW\"[^}]*status=\"OK\"[^}]*} 1")
			.containsPattern("voucher_license_requests_seconds_count\\{[^}]*provider=\"" + this.provider
					+ "\"[^}]*status=\"POLICY_UNKNOWN\"[^}]*} 1")
			.containsPattern("voucher_license_requests_seconds_bucket\\{[^}]*provider=\"" + this.provider + "\"");
	}

	@Test
	void issuedLicensesAreSearchableWithTheirClaimsNeverTheirKeysOrSessionToken() {
		String overrides = "\"policy_overrides\": {\"can_play\": true, \"can_renew\": true, "
				+ "\"license_duration_seconds\": 600}";
		JsonNode first = license(("{\"payload\": \"%s\", \"provider\": \"%s\", %s, \"session_init\": "
				+ "{\"provider_session_token\": \"pst-secret\"}}")
			.formatted(challenge(), this.provider, overrides));
		String licenseId = first.path("session_state").path("license_id").asString();
		license("{\"payload\": \"%s\", \"provider\": \"%s\", %s}".formatted(this.device.challenge()
			.contentId("movie")
			.renewal(licenseId, "pst-secret")
			.issuedAt(Instant.now())
			.build(), this.provider, overrides));
		TestDevice other = manufacturer.newDevice().build();
		license("{\"payload\": \"%s\", \"provider\": \"%s\"}".formatted(challenge(other), this.provider));

		HttpResponse<String> ofLicense = this.http.request("GET", "/api/v1/licenses?license_id=" + licenseId)
			.bearer(this.token)
			.send();
		JsonNode ofDevice = issued("?device=" + other.fingerprint().value());
		JsonNode ofOtherContent = issued("?content_id=another-movie");
		JsonNode byLicenseIdAscending = issued("?sort=license_id,asc&size=2");

		assertThat(ofLicense.statusCode()).as(ofLicense.body()).isEqualTo(200);
		assertThat(ofLicense.body()).doesNotContain("pst-secret").doesNotContain("\"key\"");
		JsonNode records = HttpTester.json(ofLicense).path("items");
		assertThat(records.findValuesAsString("request_type")).containsExactly("RENEWAL", "NEW");
		assertThat(records.get(0).path("license_counter").asInt()).isEqualTo(2);
		assertThat(records.get(0).path("content_id").asString()).isEqualTo("movie");
		assertThat(records.get(0).path("device_fingerprint").asString()).isEqualTo(this.device.fingerprint().value());
		assertThat(records.get(0).path("policy").path("can_renew").asBoolean()).isTrue();
		assertThat(records.get(0).path("key_ids").size()).isEqualTo(2);
		assertThat(HttpTester.json(ofLicense).path("page").path("total_elements").asLong()).isEqualTo(2);
		assertThat(ofDevice.path("items").findValuesAsString("device_fingerprint"))
			.containsExactly(other.fingerprint().value());
		assertThat(ofOtherContent.path("items").size()).isZero();
		assertThat(byLicenseIdAscending.path("items").findValuesAsString("license_id")).isSorted();
	}

	private JsonNode issued(String query) {
		HttpResponse<String> response = this.http.request("GET", "/api/v1/licenses" + query).bearer(this.token).send();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return HttpTester.json(response);
	}

	@Test
	void overridesExclusivelyIgnoreTheStoredPolicy() {
		this.policies.create(this.providerId, new PolicyName("generous"),
				PlaybackPolicy.builder().canPlay(true).canPersist(true).build(), Map.of());

		JsonNode response = license("""
				{"payload": "%s", "provider": "%s", "policy_name": "generous",
				 "use_policy_overrides_exclusively": true, "policy_overrides": {"can_play": true}}"""
			.formatted(challenge(), this.provider));

		OpenedVoucher opened = open(response);
		assertThat(opened.terms().policy().canPlay()).isTrue();
		assertThat(opened.terms().policy().canPersist()).isFalse();
	}

	@Test
	void withoutTrackChoiceOnlySdAndAudioKeys() {
		JsonNode response = license(
				"{\"payload\": \"%s\", \"provider\": \"%s\"}".formatted(challenge(), this.provider));

		assertThat(open(response).contentKeys()).extracting((key) -> key.grant().trackType())
			.containsExactlyInAnyOrder(TrackType.AUDIO, TrackType.SD);
	}

	@Test
	void keySpecAboveTheDevicesSecurityLevelIsWithheld() {
		String message = """
				{"payload": "%s", "provider": "%s", "content_key_specs": [
				  {"track_type": "SD"},
				  {"track_type": "HD", "security_level": 3, "required_output_protection": {"hdcp": "HDCP_V2"}}]}""";

		JsonNode lowLevel = license(message.formatted(challenge(), this.provider));
		TestDevice secure = manufacturer.newDevice().securityLevel(3).maxHdcp(HdcpVersion.HDCP_V2).build();
		JsonNode highLevel = license(message.formatted(challenge(secure), this.provider));

		assertThat(lowLevel.path("supported_tracks").findValuesAsString("type")).containsExactly("SD");
		assertThat(open(lowLevel).contentKeys()).extracting((key) -> key.grant().trackType())
			.containsExactly(TrackType.SD);
		OpenedVoucher both = open(highLevel, secure);
		assertThat(both.contentKeys()).extracting((key) -> key.grant().trackType())
			.containsExactlyInAnyOrder(TrackType.SD, TrackType.HD);
		ContentKey hd = both.contentKeys()
			.stream()
			.filter((key) -> key.grant().trackType() == TrackType.HD)
			.findFirst()
			.orElseThrow();
		assertThat(hd.grant().requiredSecurityLevel().value()).isEqualTo(3);
		assertThat(hd.grant().requiredHdcp()).isEqualTo(HdcpVersion.HDCP_V2);
	}

	@Test
	void storedPolicysTrackRequirementsApplyUnlessTheMessageSaysOtherwise() {
		this.policies.create(this.providerId, new PolicyName("hd-needs-l3"),
				PlaybackPolicy.builder().canPlay(true).build(),
				Map.of(TrackType.HD, new TrackRequirement(SecurityLevel.of(3), HdcpVersion.HDCP_V1)));

		JsonNode byPolicy = license("""
				{"payload": "%s", "provider": "%s", "policy_name": "hd-needs-l3", "allowed_track_types": "SD_HD"}"""
			.formatted(challenge(), this.provider));
		JsonNode bySpec = license("""
				{"payload": "%s", "provider": "%s", "policy_name": "hd-needs-l3",
				 "content_key_specs": [{"track_type": "HD", "security_level": 1}]}""".formatted(challenge(),
				this.provider));

		assertThat(open(byPolicy).contentKeys()).extracting((key) -> key.grant().trackType())
			.containsExactlyInAnyOrder(TrackType.AUDIO, TrackType.SD);
		ContentKey hd = open(bySpec).contentKeys().get(0);
		assertThat(hd.grant().trackType()).isEqualTo(TrackType.HD);
		assertThat(hd.grant().requiredSecurityLevel().value()).isEqualTo(1);
		assertThat(hd.grant().requiredHdcp()).isEqualTo(HdcpVersion.HDCP_V1);
	}

	@Test
	void keySpecWithKeyInjectsIt() {
		String key = Base64.getEncoder().encodeToString(HexFormat.of().parseHex("00112233445566778899aabbccddeeff"));
		String keyId = Base64.getEncoder().encodeToString(HexFormat.of().parseHex("0123456789abcdef0123456789abcdef"));

		JsonNode response = license("""
				{"payload": "%s", "provider": "%s", "content_key_specs": [
				  {"track_type": "HD", "key": "%s", "key_id": "%s"}]}""".formatted(challenge(), this.provider, key,
				keyId));

		ContentKey injected = open(response).contentKeys().get(0);
		assertThat(injected.keyId()).isEqualTo(KeyId.ofHex("0123456789abcdef0123456789abcdef"));
		assertThat(HexFormat.of().formatHex(injected.key().toByteArray()))
			.isEqualTo("00112233445566778899aabbccddeeff");
	}

	@Test
	void parseOnlyTellsWhatTheChallengeSaysAndIssuesNothing() {
		KeyId requested = serverKeyOf(TrackType.SD);
		String challenge = this.device.challenge()
			.contentId("movie")
			.keyIds(requested)
			.licenseType(LicenseType.OFFLINE)
			.issuedAt(Instant.now())
			.build();

		JsonNode parsed = license("{\"payload\": \"%s\", \"provider\": \"%s\", \"parse_only\": true}"
			.formatted(challenge, this.provider));
		JsonNode issued = license("{\"payload\": \"%s\", \"provider\": \"%s\"}".formatted(challenge, this.provider));

		assertThat(parsed.path("status").asString()).isEqualTo("OK");
		assertThat(parsed.has("license")).isFalse();
		JsonNode what = parsed.path("parsed_challenge");
		assertThat(what.path("device_fingerprint").asString()).isEqualTo(this.device.fingerprint().value());
		assertThat(what.path("content_id").asString()).isEqualTo("movie");
		assertThat(what.path("key_ids").get(0).asString())
			.isEqualTo(Base64.getEncoder().encodeToString(requested.bytes()));
		assertThat(what.path("license_type").asString()).isEqualTo("OFFLINE");
		assertThat(what.path("request_type").asString()).isEqualTo("NEW");
		// parse_only consumed nothing: the same challenge still gets its license.
		assertThat(issued.path("status").asString()).isEqualTo("OK");
		assertThat(open(issued).contentKeys()).extracting(ContentKey::keyId).containsExactly(requested);
		assertThat(recorded()).isEqualTo(1);
	}

	@Test
	void renewalExtendsTheLicenseUnderTheSameIdAndNeedsTheSessionToken() {
		String overrides = "\"policy_overrides\": {\"can_play\": true, \"can_renew\": true, "
				+ "\"license_duration_seconds\": 600, \"renewal_delay_seconds\": 300}";
		JsonNode first = license(("{\"payload\": \"%s\", \"provider\": \"%s\", %s, \"session_init\": "
				+ "{\"provider_session_token\": \"pst-1\"}}")
			.formatted(challenge(), this.provider, overrides));
		String licenseId = first.path("session_state").path("license_id").asString();

		String renewal = this.device.challenge()
			.contentId("movie")
			.renewal(licenseId, "pst-1")
			.issuedAt(Instant.now())
			.build();
		JsonNode renewed = license(
				"{\"payload\": \"%s\", \"provider\": \"%s\", %s}".formatted(renewal, this.provider, overrides));
		String wrongToken = this.device.challenge()
			.contentId("movie")
			.renewal(licenseId, "pst-2")
			.issuedAt(Instant.now())
			.build();
		JsonNode refused = license(
				"{\"payload\": \"%s\", \"provider\": \"%s\", %s}".formatted(wrongToken, this.provider, overrides));

		assertThat(renewed.path("status").asString()).as(renewed.toString()).isEqualTo("OK");
		assertThat(renewed.path("session_state").path("license_id").asString()).isEqualTo(licenseId);
		assertThat(renewed.path("session_state").path("license_counter").asInt()).isEqualTo(2);
		assertThat(renewed.path("license_metadata").path("request_type").asString()).isEqualTo("RENEWAL");
		OpenedVoucher opened = open(renewed);
		assertThat(opened.terms().licenseId()).isEqualTo(licenseId);
		assertThat(opened.terms().sessionTokens()).containsEntry("provider_session_token", "pst-1");
		assertThat(opened.terms().expiresAt()).isAfterOrEqualTo(open(first).terms().expiresAt());
		assertThat(refused.path("status").asString()).isEqualTo("RENEWAL_NOT_ALLOWED");
		assertThat(recorded()).isEqualTo(2);
	}

	@Test
	void concurrentRenewalsOfOneLicenseLetOneThrough() throws Exception {
		String overrides = "\"policy_overrides\": {\"can_play\": true, \"can_renew\": true}";
		JsonNode first = license(
				"{\"payload\": \"%s\", \"provider\": \"%s\", %s}".formatted(challenge(), this.provider, overrides));
		String licenseId = first.path("session_state").path("license_id").asString();
		int renewals = 8;
		List<String> challenges = new ArrayList<>();
		for (int i = 0; i < renewals; i++) {
			challenges.add(this.device.challenge()
				.contentId("movie")
				.renewal(licenseId, "none")
				.issuedAt(Instant.now())
				.build());
		}
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(renewals);
		List<Future<String>> statuses = new ArrayList<>();
		try {
			for (String renewal : challenges) {
				statuses.add(executor.submit(() -> {
					start.await();
					return license("{\"payload\": \"%s\", \"provider\": \"%s\", %s}".formatted(renewal, this.provider,
							overrides))
						.path("status")
						.asString();
				}));
			}
			start.countDown();
			List<String> answered = new ArrayList<>();
			for (Future<String> status : statuses) {
				answered.add(status.get());
			}
			// Each renewal reads counter 1 and writes counter 2: the database lets one
			// through.
			assertThat(answered).filteredOn("OK"::equals).isNotEmpty();
			assertThat(answered).allMatch((status) -> status.equals("OK") || status.equals("RENEWAL_NOT_ALLOWED"));
		}
		finally {
			executor.shutdownNow();
		}
		Long distinctCounters = this.jdbc.queryForObject(
				"SELECT count(DISTINCT license_counter) FROM issued_license WHERE license_id = ?", Long.class,
				licenseId);
		Long rows = this.jdbc.queryForObject("SELECT count(*) FROM issued_license WHERE license_id = ?", Long.class,
				licenseId);
		assertThat(rows).isEqualTo(distinctCounters);
	}

	@Test
	void renewalWhenPolicyForbidsItIsRefused() {
		JsonNode first = license(
				"{\"payload\": \"%s\", \"provider\": \"%s\", \"policy_overrides\": {\"can_play\": true}}"
					.formatted(challenge(), this.provider));
		String renewal = this.device.challenge()
			.contentId("movie")
			.renewal(first.path("session_state").path("license_id").asString(), "none")
			.issuedAt(Instant.now())
			.build();

		JsonNode response = license("{\"payload\": \"%s\", \"provider\": \"%s\"}".formatted(renewal, this.provider));

		assertThat(response.path("status").asString()).isEqualTo("RENEWAL_NOT_ALLOWED");
		assertThat(response.has("license")).isFalse();
		assertThat(recorded()).isEqualTo(1);
	}

	@Test
	void releaseIsRecordedAndEndsTheLicense() {
		JsonNode first = license(
				"{\"payload\": \"%s\", \"provider\": \"%s\", \"policy_overrides\": {\"can_renew\": true}}"
					.formatted(challenge(), this.provider));
		String licenseId = first.path("session_state").path("license_id").asString();

		JsonNode released = license("{\"payload\": \"%s\", \"provider\": \"%s\"}".formatted(
				this.device.challenge().contentId("movie").release(licenseId).issuedAt(Instant.now()).build(),
				this.provider));
		JsonNode renewal = license("{\"payload\": \"%s\", \"provider\": \"%s\"}".formatted(
				this.device.challenge().contentId("movie").renewal(licenseId, "x").issuedAt(Instant.now()).build(),
				this.provider));

		assertThat(released.path("status").asString()).isEqualTo("OK");
		assertThat(released.has("license")).isFalse();
		assertThat(released.path("session_state").path("license_counter").asInt()).isEqualTo(2);
		assertThat(renewal.path("status").asString()).isEqualTo("LICENSE_UNKNOWN");
	}

	@Test
	void clientTokenOfTheRequestWinsUnlessOverridden() {
		String withClientToken = this.device.challenge()
			.contentId("movie")
			.clientToken("from-device")
			.issuedAt(Instant.now())
			.build();
		String again = this.device.challenge()
			.contentId("movie")
			.clientToken("from-device")
			.issuedAt(Instant.now())
			.build();

		JsonNode requestWins = license(("{\"payload\": \"%s\", \"provider\": \"%s\", \"session_init\": "
				+ "{\"provider_client_token\": \"from-provider\"}}")
			.formatted(withClientToken, this.provider));
		JsonNode overridden = license(("{\"payload\": \"%s\", \"provider\": \"%s\", \"session_init\": "
				+ "{\"provider_client_token\": \"from-provider\", \"override_provider_client_token\": true}}")
			.formatted(again, this.provider));

		assertThat(requestWins.path("provider_client_token").asString()).isEqualTo("from-device");
		assertThat(overridden.path("provider_client_token").asString()).isEqualTo("from-provider");
		assertThat(open(overridden, this.device).terms().sessionTokens()).containsEntry("provider_client_token",
				"from-provider");
	}

	@Test
	void refusalsAnswerTheirCodeAndStoreNothing() {
		this.policies.create(this.providerId, new PolicyName("known"), PlaybackPolicy.builder().canPlay(true).build(),
				Map.of());
		String used = challenge();
		assertThat(license("{\"payload\": \"%s\", \"provider\": \"%s\"}".formatted(used, this.provider)).path("status")
			.asString()).isEqualTo("OK");
		TestDevice revoked = manufacturer.newDevice().build();
		this.revocations.revoke(revoked.fingerprint().value(), "cloned", "test");
		TestDevice stranger = TestPki.create().newDevice().build();
		String tampered = tamper(challenge());

		assertRefused("{\"payload\": \"%s\", \"provider\": \"%s\"}".formatted(used, this.provider),
				"CHALLENGE_REPLAYED");
		assertRefused("{\"payload\": \"%s\", \"provider\": \"%s\"}".formatted(challenge(revoked), this.provider),
				"DRM_DEVICE_CERTIFICATE_REVOKED");
		assertRefused("{\"payload\": \"%s\", \"provider\": \"%s\"}".formatted(challenge(stranger), this.provider),
				"INVALID_DEVICE_CERTIFICATE");
		assertRefused("{\"payload\": \"%s\", \"provider\": \"%s\", \"content_id\": \"%s\"}".formatted(challenge(),
				this.provider, b64("another-movie")), "CONTENT_ID_MISMATCH");
		assertRefused(
				("{\"payload\": \"%s\", \"provider\": \"%s\", \"allowed_track_types\": \"SD_HD\", "
						+ "\"content_key_specs\": [{\"track_type\": \"SD\"}]}")
					.formatted(challenge(), this.provider),
				"MALFORMED_REQUEST");
		assertRefused("{\"payload\": \"%s\", \"provider\": \"%s\", \"policy_name\": \"unknown\"}".formatted(challenge(),
				this.provider), "POLICY_UNKNOWN");
		assertRefused("{\"payload\": \"%s\", \"provider\": \"%s\"}".formatted(tampered, this.provider),
				"SIGNATURE_FAILED");
		assertRefused("{\"payload\": \"%s\", \"provider\": \"someone-else\"}".formatted(challenge()), "ACCESS_DENIED");
		assertRefused("{\"payload\": \"%s\", \"provider\": \"%s\"}".formatted(
				this.device.challenge().contentId("no-such-movie").issuedAt(Instant.now()).build(), this.provider),
				"CONTENT_KEY_UNKNOWN");
		assertRefused("{\"payload\": \"not a challenge\", \"provider\": \"%s\"}".formatted(this.provider),
				"INVALID_LICENSE_CHALLENGE");
		assertRefused(
				"{\"payload\": \"%s\", \"provider\": \"%s\", \"policy_overrides\": {\"license_duration_seconds\": -1}}"
					.formatted(challenge(), this.provider),
				"INVALID_POLICY");

		assertThat(recorded()).isEqualTo(1);
	}

	@ParameterizedTest(name = "iat {0}")
	@ValueSource(strings = { "9223372036854775808", "1e30", "-4611686018427387904" })
	void challengeWithIatOutOfRangeIsAnInvalidChallengeNotAServerError(String iat) {
		Map<String, Object> claims = new LinkedHashMap<>(
				this.device.challenge().contentId("movie").issuedAt(Instant.now()).unsigned().toClaims());
		claims.put("iat", new BigDecimal(iat));
		String compact = this.device.identity().signJws(Challenge.TYPE, claims);
		long recordedBefore = recorded();

		assertRefused("{\"payload\": \"%s\", \"provider\": \"%s\"}".formatted(compact, this.provider),
				"INVALID_LICENSE_CHALLENGE");
		assertThat(recorded()).isEqualTo(recordedBefore);
	}

	private void assertRefused(String message, String status) {
		JsonNode response = license(message);
		assertThat(response.path("status").asString()).as(message).isEqualTo(status);
		assertThat(response.has("license")).isFalse();
		assertThat(response.path("status_message").asString()).isNotBlank();
	}

	private JsonNode license(String message) {
		HttpResponse<String> response = this.http.request("POST", "/api/v1/licenses")
			.bearer(this.token)
			.json(message)
			.send();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return HttpTester.json(response);
	}

	private String challenge() {
		return challenge(this.device);
	}

	private static String challenge(TestDevice device) {
		return device.challenge().contentId("movie").issuedAt(Instant.now()).build();
	}

	private OpenedVoucher open(JsonNode response) {
		return open(response, this.device);
	}

	private OpenedVoucher open(JsonNode response, TestDevice device) {
		assertThat(response.path("status").asString()).as(response.toString()).isEqualTo("OK");
		String voucher = new String(Base64.getDecoder().decode(response.path("license").asString()),
				StandardCharsets.US_ASCII);
		VoucherOpener opener = new VoucherOpener(
				LicenseTrust.pinning(this.keyMaterial.licenseRoot(), java.time.Clock.systemUTC()));
		return opener.open(voucher, device.identity());
	}

	private SecretBytes serverKey(KeyId keyId) {
		return this.contents.key(this.providerId, keyId).orElseThrow().key();
	}

	private KeyId serverKeyOf(TrackType track) {
		return this.contents.activeKeys(this.providerId, new ContentId("movie"))
			.stream()
			.filter((key) -> key.trackType() == track)
			.map(ContentKeyMaterial::keyId)
			.findFirst()
			.orElseThrow();
	}

	private long recorded() {
		return this.jdbc.queryForObject("SELECT count(*) FROM issued_license WHERE provider_id = ?", Long.class,
				this.providerId);
	}

	private static String tamper(String jws) {
		String[] parts = jws.split("\\.");
		char last = parts[2].charAt(parts[2].length() - 2);
		char replacement = (last == 'A') ? 'B' : 'A';
		return parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2) + replacement
				+ parts[2].charAt(parts[2].length() - 1);
	}

	private static String b64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

}
