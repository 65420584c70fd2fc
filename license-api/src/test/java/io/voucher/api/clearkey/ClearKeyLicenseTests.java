package io.voucher.api.clearkey;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micrometer.core.instrument.MeterRegistry;
import io.voucher.api.testing.HttpTester;
import io.voucher.api.testing.TrustedManufacturer;
import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.SecurityLevel;
import io.voucher.crypto.testing.TestDevice;
import io.voucher.crypto.testing.TestPki;
import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.TrackType;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Clear Key license endpoint end to end on real PostgreSQL with real entitlement
 * tokens (HS256 keys created through the provider API): which keys the policy grants a
 * level-1 client, every refusal with its problem code (and nothing recorded), records and
 * audit, per-provider CORS, the provider's switch, and metrics.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@PostgresTest
class ClearKeyLicenseTests {

	static final TestPki manufacturer = TestPki.create();

	static final String PATH = "/api/v1/clearkey/license";

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
	JdbcTemplate jdbc;

	@Autowired
	MeterRegistry meters;

	final JsonMapper json = JsonMapper.builder().build();

	HttpTester http;

	Provider acme;

	Provider other;

	@BeforeEach
	void providersContentsAndPolicies() {
		this.http = new HttpTester(this.port);
		this.acme = provider("https://player.acme.example", true);
		this.other = provider("https://player.other.example", true);
		this.contents.create(this.acme.id(), new ContentId("movie"), "Movie",
				List.of(KeyRequest.generate(TrackType.AUDIO), KeyRequest.generate(TrackType.SD),
						KeyRequest.generate(TrackType.HD), KeyRequest.generate(TrackType.UHD1)));
		this.contents.create(this.acme.id(), new ContentId("trailer"), "Trailer",
				List.of(KeyRequest.generate(TrackType.SD)));
		this.policies.create(this.acme.id(), new PolicyName("rental"),
				PlaybackPolicy.builder().canPlay(true).licenseDurationSeconds(3600).build(), Map.of());
		// HD needs a hardware-backed client (level 3): a Clear Key client never gets it.
		this.policies.create(this.acme.id(), new PolicyName("hd-protected"),
				PlaybackPolicy.builder().canPlay(true).build(),
				Map.of(TrackType.HD, new TrackRequirement(SecurityLevel.of(3), HdcpVersion.HDCP_NONE)));
		this.policies.create(this.acme.id(), new PolicyName("preview-off"),
				PlaybackPolicy.builder().canPlay(false).build(), Map.of());
	}

	@Test
	void grantedKeysAreTheContentsKeysAsBase64UrlJwksAndAreRecordedAndAudited() {
		String token = token(this.acme, claims(this.acme).claim("allowed_track_types", "SD_HD"));
		List<ContentKeyMaterial> keys = keys("movie", TrackType.AUDIO, TrackType.SD, TrackType.HD);

		HttpResponse<String> response = post(token, request("temporary", keys));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/json"));
		JsonNode license = HttpTester.json(response);
		assertThat(license.path("type").asString()).isEqualTo("temporary");
		assertThat(license.path("keys")).hasSize(3);
		for (JsonNode jwk : license.path("keys")) {
			assertThat(jwk.path("kty").asString()).isEqualTo("oct");
			assertThat(jwk.path("kid").asString()).doesNotContain("=").hasSize(22);
			assertThat(jwk.path("k").asString()).doesNotContain("=").hasSize(22);
			ContentKeyMaterial stored = this.contents
				.key(this.acme.id(), new KeyId(Base64.getUrlDecoder().decode(jwk.path("kid").asString())))
				.orElseThrow();
			assertThat(Base64.getUrlDecoder().decode(jwk.path("k").asString())).isEqualTo(stored.key().toByteArray());
		}
		Map<String, Object> row = this.jdbc.queryForMap(
				"SELECT content_id, device_fingerprint, license_type, request_type, policy_name, key_ids, expires_at "
						+ "FROM issued_license WHERE provider_id = ?",
				this.acme.id());
		assertThat(row.get("content_id")).isEqualTo("movie");
		assertThat((String) row.get("device_fingerprint")).startsWith("clear-key:");
		assertThat(row.get("license_type")).isEqualTo("STREAMING");
		assertThat(row.get("request_type")).isEqualTo("NEW");
		assertThat(row.get("policy_name")).isEqualTo("rental");
		assertThat(row.get("expires_at")).isNull();
		assertThat(((String) row.get("key_ids")).split(","))
			.containsExactlyInAnyOrderElementsOf(keys.stream().map((key) -> key.keyId().toBase64Url()).toList());
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM audit_event WHERE provider_id = ? AND action = 'license.new' "
						+ "AND outcome = 'SUCCESS' AND actor = ? AND detail = 'movie'",
				Long.class, this.acme.id(), row.get("device_fingerprint")))
			.isEqualTo(1);
	}

	@Test
	void keysOfTrackTypesTheTokenDoesNotAllowOrOfTracksNeedingAHigherLevelAreWithheld() {
		String token = token(this.acme,
				claims(this.acme).claim("policy_name", "hd-protected").claim("allowed_track_types", "SD_HD"));
		List<ContentKeyMaterial> keys = keys("movie", TrackType.AUDIO, TrackType.SD, TrackType.HD, TrackType.UHD1);

		JsonNode license = granted(post(token, request("temporary", keys)));

		assertThat(license.path("keys").findValuesAsString("kid")).containsExactlyInAnyOrder(
				keyOf(keys, TrackType.AUDIO).keyId().toBase64Url(), keyOf(keys, TrackType.SD).keyId().toBase64Url());
		assertThat(this.jdbc
			.queryForObject("SELECT key_ids FROM issued_license WHERE provider_id = ?", String.class, this.acme.id())
			.split(",")).hasSize(2);
	}

	@Test
	void whenEveryRequestedKeyIsWithheldThenNoKeysGrantedAndNothingRecorded() {
		String token = token(this.acme,
				claims(this.acme).claim("policy_name", "hd-protected").claim("allowed_track_types", "SD_HD"));

		HttpResponse<String> response = post(token, request("temporary", keys("movie", TrackType.HD, TrackType.UHD1)));

		assertProblem(response, 403, "CLEAR_KEY_NO_KEYS_GRANTED");
		assertThat(recorded(this.acme)).isZero();
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM audit_event WHERE provider_id = ? AND action = 'clearkey.refuse' "
						+ "AND outcome = 'REFUSED' AND detail = 'CLEAR_KEY_NO_KEYS_GRANTED'",
				Long.class, this.acme.id()))
			.isEqualTo(1);
	}

	@Test
	void requestedKeysTheContentDoesNotHaveAreLeftOut() {
		String token = token(this.acme, claims(this.acme));
		List<ContentKeyMaterial> keys = keys("movie", TrackType.SD);
		String unknown = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[16]);
		String trailer = keys("trailer", TrackType.SD).get(0).keyId().toBase64Url();

		JsonNode license = granted(post(token, "{\"kids\":[\"" + unknown + "\",\"" + keys.get(0).keyId().toBase64Url()
				+ "\",\"" + trailer + "\"],\"type\":\"temporary\"}"));

		assertThat(license.path("keys").findValuesAsString("kid")).containsExactly(keys.get(0).keyId().toBase64Url());
	}

	@Test
	void persistentLicenseIsRefusedWithoutCanPersistAndGrantedWithIt() {
		List<ContentKeyMaterial> keys = keys("movie", TrackType.SD);

		HttpResponse<String> refused = post(token(this.acme, claims(this.acme)), request("persistent-license", keys));
		assertProblem(refused, 403, "CLEAR_KEY_PERSISTENCE_NOT_ALLOWED");
		assertThat(recorded(this.acme)).isZero();

		String persisting = token(this.acme, claims(this.acme).claim("policy_overrides", Map.of("can_persist", true)));
		JsonNode license = granted(post(persisting, request("persistent-license", keys)));
		assertThat(license.path("type").asString()).isEqualTo("persistent-license");
		assertThat(this.jdbc.queryForObject("SELECT license_type FROM issued_license WHERE provider_id = ?",
				String.class, this.acme.id()))
			.isEqualTo("OFFLINE");
	}

	@Test
	void policyThatDoesNotAllowPlaybackOrIsUnknownIsRefused() {
		List<ContentKeyMaterial> keys = keys("movie", TrackType.SD);

		assertProblem(post(token(this.acme, claims(this.acme).claim("policy_name", "preview-off")),
				request("temporary", keys)), 403, "CLEAR_KEY_PLAYBACK_NOT_ALLOWED");
		assertProblem(post(token(this.acme, claims(this.acme).claim("policy_name", "no-such-policy")),
				request("temporary", keys)), 403, "CLEAR_KEY_PLAYBACK_NOT_ALLOWED");
		assertThat(recorded(this.acme)).isZero();
	}

	@Test
	void tokenForAnotherContentOrAnotherProviderIsRefused() {
		List<ContentKeyMaterial> movie = keys("movie", TrackType.SD);

		HttpResponse<String> otherContent = post(
				token(this.acme, claims(this.acme).claim("content_ids", List.of("trailer"))),
				request("temporary", movie));
		assertRejected(otherContent, "CONTENT_NOT_ENTITLED");

		// The other provider's own token for its own "movie", under its own "rental":
		// acme's keys are not its keys.
		this.contents.create(this.other.id(), new ContentId("movie"), "Movie",
				List.of(KeyRequest.generate(TrackType.SD)));
		this.policies.create(this.other.id(), new PolicyName("rental"), PlaybackPolicy.builder().canPlay(true).build(),
				Map.of());
		HttpResponse<String> otherProvider = post(token(this.other, claims(this.other)), request("temporary", movie));
		assertRejected(otherProvider, "CONTENT_NOT_ENTITLED");

		// Claiming to be acme with the other provider's key.
		HttpResponse<String> forged = post(sign(this.other.key(), claims(this.acme).build()),
				request("temporary", movie));
		assertThat(HttpTester.json(forged).path("reason").asString()).isIn("UNKNOWN_KEY", "BAD_SIGNATURE");
		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(recorded(this.acme)).isZero();
		assertThat(recorded(this.other)).isZero();
	}

	@Test
	void expiredTokenIsRefused() {
		Instant past = Instant.now().minus(Duration.ofMinutes(20));
		String expired = token(this.acme, claims(this.acme).issueTime(Date.from(past))
			.expirationTime(Date.from(past.plus(Duration.ofMinutes(10)))));

		assertRejected(post(expired, request("temporary", keys("movie", TrackType.SD))), "EXPIRED");
	}

	@Test
	void tokenNamingADeviceIsRefusedHereAndATokenNamingNoneIsRefusedByTheDeviceEndpoint() {
		TestDevice device = manufacturer.newDevice().build();
		String forDevice = token(this.acme, claims(this.acme).subject(device.fingerprint().value()));
		assertRejected(post(forDevice, request("temporary", keys("movie", TrackType.SD))), "DEVICE_MISMATCH");

		String deviceless = token(this.acme, claims(this.acme));
		String challenge = device.challenge().contentId("movie").issuedAt(Instant.now()).build();
		HttpResponse<String> deviceLicense = this.http.request("POST", "/device/v1/licenses")
			.json("{\"entitlement_token\": \"" + deviceless + "\", \"challenge\": \"" + challenge + "\"}")
			.send();
		assertRejected(deviceLicense, "DEVICE_MISMATCH");
	}

	@Test
	void requestWithoutTokenIsUnauthorizedAndABadBodyIsInvalid() {
		HttpResponse<String> missing = this.http.request("POST", PATH)
			.json(request("temporary", keys("movie", TrackType.SD)))
			.send();
		assertProblem(missing, 401, "CLEAR_KEY_TOKEN_MISSING");

		String token = token(this.acme, claims(this.acme));
		assertProblem(post(token, "{\"kids\":[],\"type\":\"temporary\"}"), 400, "INVALID_CLEAR_KEY_REQUEST");
		assertProblem(post(token, "{\"kids\":[\"AAAA\"]}"), 400, "INVALID_CLEAR_KEY_REQUEST");
		assertProblem(post(token, "{\"kids\":[\"" + keys("movie", TrackType.SD).get(0).keyId().toBase64Url()
				+ "\"],\"type\":\"forever\"}"), 400, "INVALID_CLEAR_KEY_REQUEST");
		assertProblem(post(token, "not json"), 400, "INVALID_CLEAR_KEY_REQUEST");
	}

	@Test
	void rawEmeMessageBytesAreAcceptedWithAnyContentTypeAndTheTokenAsBearer() {
		String body = request("temporary", keys("movie", TrackType.SD));
		String token = token(this.acme, claims(this.acme));

		HttpResponse<String> octets = this.http.request("POST", PATH)
			.header(ClearKeyTokenHeader.NAME, token)
			.body("application/octet-stream", body)
			.send();
		HttpResponse<String> bearer = this.http.request("POST", PATH).bearer(token).body("text/plain", body).send();

		assertThat(granted(octets).path("keys")).hasSize(1);
		assertThat(granted(bearer).path("keys")).hasSize(1);
	}

	@Test
	void switchedOffProviderIsRefusedAndClearKeyIsOffByDefault() {
		Provider fresh = provider("https://player.fresh.example", false);
		this.contents.create(fresh.id(), new ContentId("movie"), "Movie", List.of(KeyRequest.generate(TrackType.SD)));
		HttpResponse<String> settings = this.http.request("GET", "/api/v1/device-admission")
			.bearer(fresh.credential())
			.send();
		assertThat(HttpTester.json(settings).path("clear_key_enabled").asBoolean()).isFalse();
		List<ContentKeyMaterial> keys = this.contents.activeKeys(fresh.id(), new ContentId("movie"));

		assertProblem(post(token(fresh, claims(fresh)), request("temporary", keys)), 403, "CLEAR_KEY_DISABLED");

		// Replacing the other admission settings without the field keeps Clear Key as it
		// is.
		HttpResponse<String> updated = this.http.request("PUT", "/api/v1/device-admission")
			.bearer(this.acme.credential())
			.json("{\"accept_built_in_ca\":true,\"all_manufacturer_roots\":true,\"min_security_level\":2}")
			.send();
		assertThat(HttpTester.json(updated).path("clear_key_enabled").asBoolean()).as(updated.body()).isTrue();
		enableClearKey(this.acme, false);
		assertProblem(post(token(this.acme, claims(this.acme)), request("temporary", keys("movie", TrackType.SD))), 403,
				"CLEAR_KEY_DISABLED");
		assertThat(recorded(fresh)).isZero();
		assertThat(recorded(this.acme)).isZero();
	}

	@Test
	void answersAreReadableFromTheTokensProvidersOriginsOnly() {
		String token = token(this.acme, claims(this.acme));
		String body = request("temporary", keys("movie", TrackType.SD));

		HttpResponse<String> allowed = this.http.request("POST", PATH)
			.header("Origin", "https://player.acme.example")
			.header(ClearKeyTokenHeader.NAME, token)
			.json(body)
			.send();
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://player.acme.example");

		HttpResponse<String> otherOrigin = this.http.request("POST", PATH)
			.header("Origin", "https://player.other.example")
			.header(ClearKeyTokenHeader.NAME, token)
			.json(body)
			.send();
		assertThat(otherOrigin.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

		HttpResponse<String> refused = this.http.request("POST", PATH)
			.header("Origin", "https://player.acme.example")
			.header(ClearKeyTokenHeader.NAME, token)
			.json(request("persistent-license", keys("movie", TrackType.SD)))
			.send();
		assertProblem(refused, 403, "CLEAR_KEY_PERSISTENCE_NOT_ALLOWED");
		assertThat(refused.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://player.acme.example");

		HttpResponse<String> noToken = this.http.request("POST", PATH)
			.header("Origin", "https://player.other.example")
			.json(body)
			.send();
		assertProblem(noToken, 401, "CLEAR_KEY_TOKEN_MISSING");
		assertThat(noToken.headers().firstValue("Access-Control-Allow-Origin"))
			.hasValue("https://player.other.example");

		HttpResponse<String> preflight = this.http.request("OPTIONS", PATH)
			.header("Origin", "https://player.acme.example")
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "x-voucher-entitlement,content-type")
			.send();
		assertThat(preflight.statusCode()).isBetween(200, 299);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
			.hasValue("https://player.acme.example");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
			.hasValueSatisfying((headers) -> assertThat(headers.toLowerCase()).contains("x-voucher-entitlement"));

		HttpResponse<String> strangerPreflight = this.http.request("OPTIONS", PATH)
			.header("Origin", "https://evil.example")
			.header("Access-Control-Request-Method", "POST")
			.send();
		assertThat(strangerPreflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void answersAreTimedByProviderAndStatus() {
		String token = token(this.acme, claims(this.acme));
		granted(post(token, request("temporary", keys("movie", TrackType.SD))));
		post(token, request("persistent-license", keys("movie", TrackType.SD)));

		assertThat(this.meters.get(ClearKeyMetrics.METRIC)
			.tags("provider", this.acme.name(), "status", "OK")
			.timer()
			.count()).isEqualTo(1);
		assertThat(this.meters.get(ClearKeyMetrics.METRIC)
			.tags("provider", this.acme.name(), "status", "CLEAR_KEY_PERSISTENCE_NOT_ALLOWED")
			.timer()
			.count()).isEqualTo(1);
	}

	private Provider provider(String origin, boolean clearKey) {
		String name = "ck-" + UUID.randomUUID().toString().substring(0, 8);
		UUID id = this.providers.create(name, "Clear Key").id();
		String credential = this.providers.createCredential(name, "backend").token();
		HttpResponse<String> key = this.http.request("POST", "/api/v1/entitlement-token-keys")
			.bearer(credential)
			.json("{\"algorithm\":\"HS256\"}")
			.send();
		assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
		JsonNode created = HttpTester.json(key);
		Provider provider = new Provider(name, id, credential, new HmacKey(created.path("kid").asString(),
				Base64.getUrlDecoder().decode(created.path("secret").asString())));
		HttpResponse<String> origins = this.http.request("PUT", "/api/v1/cors-origins")
			.bearer(credential)
			.json("{\"origins\":[\"" + origin + "\"]}")
			.send();
		assertThat(origins.statusCode()).as(origins.body()).isEqualTo(200);
		if (clearKey) {
			enableClearKey(provider, true);
		}
		return provider;
	}

	private void enableClearKey(Provider provider, boolean enabled) {
		HttpResponse<String> response = this.http.request("PUT", "/api/v1/device-admission")
			.bearer(provider.credential())
			.json("{\"accept_built_in_ca\":true,\"all_manufacturer_roots\":true,\"min_security_level\":1,"
					+ "\"clear_key_enabled\":" + enabled + "}")
			.send();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(HttpTester.json(response).path("clear_key_enabled").asBoolean()).isEqualTo(enabled);
	}

	private List<ContentKeyMaterial> keys(String contentId, TrackType... tracks) {
		List<TrackType> wanted = List.of(tracks);
		return this.contents.activeKeys(this.acme.id(), new ContentId(contentId))
			.stream()
			.filter((key) -> wanted.contains(key.trackType()))
			.toList();
	}

	private static ContentKeyMaterial keyOf(List<ContentKeyMaterial> keys, TrackType track) {
		return keys.stream().filter((key) -> key.trackType() == track).findFirst().orElseThrow();
	}

	private String request(String type, List<ContentKeyMaterial> keys) {
		return this.json.writeValueAsString(
				Map.of("kids", keys.stream().map((key) -> key.keyId().toBase64Url()).toList(), "type", type));
	}

	/**
	 * A device-less token for "movie" under "rental": what a provider mints per playback.
	 */
	private static JWTClaimsSet.Builder claims(Provider provider) {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(provider.name())
			.audience("voucher")
			.jwtID(UUID.randomUUID().toString())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
			.claim("content_ids", List.of("movie"))
			.claim("policy_name", "rental");
	}

	private static String token(Provider provider, JWTClaimsSet.Builder claims) {
		return sign(provider.key(), claims.build());
	}

	private static String sign(HmacKey key, JWTClaimsSet claims) {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.kid()).build(), claims);
		try {
			jwt.sign(new MACSigner(key.secret()));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	private HttpResponse<String> post(String token, String body) {
		return this.http.request("POST", PATH).header(ClearKeyTokenHeader.NAME, token).json(body).send();
	}

	private static JsonNode granted(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return HttpTester.json(response);
	}

	private static void assertProblem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(HttpTester.json(response).path("code").asString()).isEqualTo(code);
	}

	private static void assertRejected(HttpResponse<String> response, String reason) {
		assertProblem(response, 403, "ENTITLEMENT_TOKEN_REJECTED");
		assertThat(HttpTester.json(response).path("reason").asString()).isEqualTo(reason);
	}

	private long recorded(Provider provider) {
		return this.jdbc.queryForObject("SELECT count(*) FROM issued_license WHERE provider_id = ?", Long.class,
				provider.id());
	}

	private record Provider(String name, UUID id, String credential, HmacKey key) {
	}

	private record HmacKey(String kid, byte[] secret) {
	}

}
