package io.voucher.api.token;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.voucher.api.testing.HttpTester;
import io.voucher.api.testing.TrustedManufacturer;
import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.keys.KeyMaterial;
import io.voucher.crypto.keys.LicenseTrust;
import io.voucher.crypto.testing.TestDevice;
import io.voucher.crypto.testing.TestPki;
import io.voucher.crypto.voucher.ContentKey;
import io.voucher.crypto.voucher.OpenedVoucher;
import io.voucher.crypto.voucher.TrackType;
import io.voucher.crypto.voucher.VoucherOpener;
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
 * The direct model end to end on real PostgreSQL: a provider's backend signs an
 * entitlement token with a key managed through the provider API, a device presents it
 * with its challenge, and the license is opened with the device's key. Every refusal of
 * the token is checked to issue and record nothing.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@PostgresTest
class EntitlementTokenTests {

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
	KeyMaterial keyMaterial;

	@Autowired
	JdbcTemplate jdbc;

	HttpTester http;

	String provider;

	UUID providerId;

	String credential;

	TestDevice device;

	@BeforeEach
	void providerContentPolicyAndDevice() {
		this.http = new HttpTester(this.port);
		this.provider = "ett-" + UUID.randomUUID().toString().substring(0, 8);
		this.providerId = this.providers.create(this.provider, "Direct").id();
		this.credential = this.providers.createCredential(this.provider, "backend").token();
		this.contents.create(this.providerId, new ContentId("movie"), "Movie",
				List.of(KeyRequest.generate(TrackType.AUDIO), KeyRequest.generate(TrackType.SD),
						KeyRequest.generate(TrackType.HD)));
		this.contents.create(this.providerId, new ContentId("other-movie"), "Other",
				List.of(KeyRequest.generate(TrackType.SD)));
		this.policies.create(this.providerId, new PolicyName("rental"),
				PlaybackPolicy.builder().canPlay(true).rentalDurationSeconds(172_800).build(), Map.of());
		this.device = manufacturer.newDevice().make("Acme").model("Phone-1").build();
	}

	@Test
	void hs256TokenGetsALicenseThatOpensWithTheDeviceKeyAndCarriesTheTokensPolicy() {
		HmacKey key = createHmacKey(null);
		JWTClaimsSet claims = claims().claim("allowed_track_types", "SD_HD")
			.claim("policy_overrides", Map.of("license_duration_seconds", 3600))
			.build();

		JsonNode response = license(hs256(key, claims), challenge("movie"));

		OpenedVoucher opened = open(response, this.device);
		assertThat(opened.terms().provider()).isEqualTo(this.provider);
		assertThat(opened.terms().contentId()).isEqualTo("movie");
		assertThat(opened.contentKeys()).extracting((contentKey) -> contentKey.grant().trackType())
			.containsExactlyInAnyOrder(TrackType.AUDIO, TrackType.SD, TrackType.HD);
		for (ContentKey contentKey : opened.contentKeys()) {
			assertThat(contentKey.key()
				.equalsSecret(this.contents.key(this.providerId, contentKey.keyId()).orElseThrow().key())).isTrue();
		}
		assertThat(opened.terms().policy().canPlay()).isTrue();
		assertThat(opened.terms().policy().rentalDurationSeconds()).isEqualTo(172_800);
		assertThat(opened.terms().policy().licenseDurationSeconds()).isEqualTo(3600);
		assertThat(Duration.between(opened.terms().issuedAt(), opened.terms().expiresAt()))
			.isEqualTo(Duration.ofHours(1));
		assertThat(response.path("session_state").path("license_counter").asInt()).isEqualTo(1);
		assertThat(response.path("make").asString()).isEqualTo("Acme");
		assertThat(recorded()).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT device_fingerprint FROM issued_license WHERE provider_id = ?",
				String.class, this.providerId))
			.isEqualTo(this.device.fingerprint().value());
	}

	@Test
	void es256TokenSignedWithARegisteredJwkGetsALicense() throws JOSEException {
		ECKey signing = new ECKeyGenerator(Curve.P_256).keyID("backend-2027").generate();
		JsonNode created = createKey(
				Map.of("algorithm", "ES256", "public_key_jwk", signing.toPublicJWK().toJSONObject()));
		assertThat(created.path("kid").asString()).isEqualTo("backend-2027");
		assertThat(created.has("secret")).isFalse();

		JsonNode response = license(es256(signing, claims().build()), challenge("movie"));

		OpenedVoucher opened = open(response, this.device);
		assertThat(opened.contentKeys()).extracting((contentKey) -> contentKey.grant().trackType())
			.containsExactlyInAnyOrder(TrackType.AUDIO, TrackType.SD);
		assertThat(opened.terms().policy().rentalDurationSeconds()).isEqualTo(172_800);
	}

	@Test
	void es256KeyRegisteredAsPemVerifiesTokens() throws JOSEException {
		ECKey signing = new ECKeyGenerator(Curve.P_256).generate();
		String pem = "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder().encodeToString(signing.toECPublicKey().getEncoded())
				+ "\n-----END PUBLIC KEY-----\n";
		String kid = createKey(Map.of("algorithm", "ES256", "kid", "pem-key", "public_key_pem", pem)).path("kid")
			.asString();
		ECKey withKid = new ECKey.Builder(signing).keyID(kid).build();

		JsonNode response = license(es256(withKid, claims().build()), challenge("movie"));

		assertThat(response.path("status").asString()).as(response.toString()).isEqualTo("OK");
	}

	@Test
	void tokenNamingARegisteredGeneratedIdGetsALicenseForThatIdsDevice() {
		GeneratedId generatedId = new GeneratedId("gid-" + UUID.randomUUID().toString().replace("-", ""));
		HttpResponse<String> registered = this.http.request("POST", "/device/v1/registrations")
			.json("{\"registration\": \"" + this.device.register(generatedId, this.provider) + "\"}")
			.send();
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		HmacKey key = createHmacKey(null);
		JWTClaimsSet byGid = claims().subject(null).claim("gid", generatedId.value()).build();
		TestDevice stranger = manufacturer.newDevice().build();

		HttpResponse<String> stolen = post(hs256(key, byGid), challenge(stranger, "movie"));
		assertRejected(stolen, "DEVICE_MISMATCH");
		JsonNode response = license(hs256(key, byGid), challenge("movie"));

		assertThat(open(response, this.device).terms().contentId()).isEqualTo("movie");
	}

	@Test
	void replayedTokenIsRefusedAndIssuesNothingMore() {
		HmacKey key = createHmacKey(null);
		String token = hs256(key, claims().build());

		JsonNode first = license(token, challenge("movie"));
		HttpResponse<String> again = post(token, challenge("movie"));

		assertThat(first.path("status").asString()).isEqualTo("OK");
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(HttpTester.json(again).path("code").asString()).isEqualTo("ENTITLEMENT_TOKEN_REPLAYED");
		assertThat(recorded()).isEqualTo(1);
	}

	@Test
	void tokenIsUsedUpOnlyWhenALicenseIsIssued() {
		HmacKey key = createHmacKey(null);
		String usedChallenge = challenge("movie");
		license(hs256(key, claims().build()), usedChallenge);
		String token = hs256(key, claims().build());

		JsonNode refused = license(token, usedChallenge);
		JsonNode issued = license(token, challenge("movie"));

		assertThat(refused.path("status").asString()).isEqualTo("CHALLENGE_REPLAYED");
		assertThat(issued.path("status").asString()).isEqualTo("OK");
		assertThat(recorded()).isEqualTo(2);
	}

	@Test
	void expiredTokenIsRefused() {
		HmacKey key = createHmacKey(null);
		Instant past = Instant.now().minus(Duration.ofHours(2));
		JWTClaimsSet expired = claims().issueTime(Date.from(past))
			.expirationTime(Date.from(past.plus(Duration.ofMinutes(10))))
			.build();

		assertRejected(post(hs256(key, expired), challenge("movie")), "EXPIRED");
	}

	@ParameterizedTest(name = "crit {0}")
	@ValueSource(strings = { "[]", "null" })
	void tokenWithCritInAnyFormIsRefused(String crit) throws Exception {
		HmacKey key = createHmacKey(null);
		String header = "{\"alg\":\"HS256\",\"kid\":\"" + key.kid() + "\",\"crit\":" + crit + "}";
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		String input = base64.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ base64
					.encodeToString(com.nimbusds.jose.util.JSONObjectUtils.toJSONString(claims().build().toJSONObject())
						.getBytes(StandardCharsets.UTF_8));
		String token = input + "."
				+ new MACSigner(key.secret()).sign(JWSHeader.parse(header), input.getBytes(StandardCharsets.US_ASCII));

		assertRejected(post(token, challenge("movie")), "MALFORMED");
	}

	@Test
	void tokenLivingLongerThanAllowedIsRefused() {
		HmacKey key = createHmacKey(null);
		JWTClaimsSet longLived = claims().expirationTime(Date.from(Instant.now().plus(Duration.ofHours(5)))).build();

		assertRejected(post(hs256(key, longLived), challenge("movie")), "LIFETIME_TOO_LONG");
	}

	@Test
	void tokenForAnotherAudienceIsRefused() {
		HmacKey key = createHmacKey(null);

		assertRejected(post(hs256(key, claims().audience("another-server").build()), challenge("movie")),
				"WRONG_AUDIENCE");
	}

	@Test
	void tokenClaimingAnotherIssuerIsRefused() {
		HmacKey key = createHmacKey("shared-kid");
		String other = "ett-other-" + UUID.randomUUID().toString().substring(0, 8);
		this.providers.create(other, "Other");
		String otherCredential = this.providers.createCredential(other, "backend").token();
		HttpResponse<String> otherKey = this.http.request("POST", "/api/v1/entitlement-token-keys")
			.bearer(otherCredential)
			.json("{\"algorithm\": \"HS256\", \"kid\": \"shared-kid\"}")
			.send();
		assertThat(otherKey.statusCode()).as(otherKey.body()).isEqualTo(201);

		HttpResponse<String> sameKidOtherIssuer = post(hs256(key, claims().issuer(other).build()), challenge("movie"));
		HttpResponse<String> unknownIssuer = post(hs256(key, claims().issuer("no-such-provider").build()),
				challenge("movie"));

		assertRejected(sameKidOtherIssuer, "BAD_SIGNATURE");
		assertRejected(unknownIssuer, "UNKNOWN_ISSUER");
	}

	@Test
	void tokenForAnotherDeviceIsRefused() {
		HmacKey key = createHmacKey(null);
		TestDevice other = manufacturer.newDevice().build();

		assertRejected(post(hs256(key, claims().build()), challenge(other, "movie")), "DEVICE_MISMATCH");
	}

	@Test
	void challengeForAContentTheTokenDoesNotNameIsRefused() {
		HmacKey key = createHmacKey(null);

		assertRejected(post(hs256(key, claims().build()), challenge("other-movie")), "CONTENT_NOT_ENTITLED");
	}

	@Test
	void unsignedTokenIsRefused() {
		String none = new PlainJWT(claims().build()).serialize();

		assertRejected(post(none, challenge("movie")), "ALGORITHM_NOT_ALLOWED");
	}

	@Test
	void hs256TokenKeyedWithTheRegisteredEcPublicKeyIsRefused() throws JOSEException {
		ECKey signing = new ECKeyGenerator(Curve.P_256).keyID("ec-key").generate();
		createKey(Map.of("algorithm", "ES256", "public_key_jwk", signing.toPublicJWK().toJSONObject()));
		ECPublicKey publicKey = signing.toECPublicKey();
		List<byte[]> publicKeyForms = List.of(publicKey.getEncoded(),
				signing.toPublicJWK().toJSONString().getBytes(StandardCharsets.UTF_8),
				("-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(publicKey.getEncoded())
						+ "\n-----END PUBLIC KEY-----\n")
					.getBytes(StandardCharsets.US_ASCII));

		for (byte[] secret : publicKeyForms) {
			String confused = sign(new MACSigner(secret), JWSAlgorithm.HS256, "ec-key", claims().build());
			assertRejected(post(confused, challenge("movie")), "ALGORITHM_NOT_ALLOWED");
		}
	}

	@Test
	void tamperedTokenIsRefused() {
		HmacKey key = createHmacKey(null);
		String token = hs256(key, claims().build());
		String[] parts = token.split("\\.");
		String widened = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
				.replace("\"movie\"", "\"other-movie\"")
				.getBytes(StandardCharsets.UTF_8));

		assertRejected(post(parts[0] + "." + widened + "." + parts[2], challenge("other-movie")), "BAD_SIGNATURE");
	}

	@Test
	void deletedKeyNoLongerVerifiesTokens() {
		HmacKey key = createHmacKey("to-delete");
		HttpResponse<String> deleted = this.http.request("DELETE", "/api/v1/entitlement-token-keys/to-delete")
			.bearer(this.credential)
			.send();

		assertThat(deleted.statusCode()).isEqualTo(204);
		assertRejected(post(hs256(key, claims().build()), challenge("movie")), "UNKNOWN_KEY");
	}

	@Test
	void hmacSecretIsShownOnceAndStoredOnlySealed() {
		HmacKey key = createHmacKey("sealed-kid");

		JsonNode listed = HttpTester
			.json(this.http.request("GET", "/api/v1/entitlement-token-keys").bearer(this.credential).send());
		byte[] stored = this.jdbc.queryForObject(
				"SELECT sealed_secret FROM entitlement_token_key WHERE provider_id = ? AND kid = 'sealed-kid'",
				byte[].class, this.providerId);
		String row = this.jdbc.queryForObject(
				"SELECT t::text FROM entitlement_token_key t WHERE provider_id = ? AND kid = 'sealed-kid'",
				String.class, this.providerId);

		assertThat(key.secret()).hasSize(32);
		assertThat(listed.path("items").findValuesAsString("kid")).containsExactly("sealed-kid");
		assertThat(listed.path("items").get(0).has("secret")).isFalse();
		assertThat(listed.toString()).doesNotContain(key.encoded());
		assertThat(stored).isNotNull();
		assertThat(HexFormat.of().formatHex(stored)).doesNotContain(HexFormat.of().formatHex(key.secret()));
		assertThat(row).doesNotContain(HexFormat.of().formatHex(key.secret()))
			.doesNotContain(key.encoded())
			.doesNotContain(Base64.getEncoder().encodeToString(key.secret()));
	}

	private HmacKey createHmacKey(String kid) {
		JsonNode created = createKey(
				(kid != null) ? Map.of("algorithm", "HS256", "kid", kid) : Map.of("algorithm", "HS256"));
		String secret = created.path("secret").asString();
		return new HmacKey(created.path("kid").asString(), secret, Base64.getUrlDecoder().decode(secret));
	}

	private JsonNode createKey(Map<String, Object> request) {
		HttpResponse<String> response = this.http.request("POST", "/api/v1/entitlement-token-keys")
			.bearer(this.credential)
			.json(tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(request))
			.send();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return HttpTester.json(response);
	}

	/** Claims of a valid token for the test device and "movie", under policy "rental". */
	private JWTClaimsSet.Builder claims() {
		Instant now = Instant.now();
		return new JWTClaimsSet.Builder().issuer(this.provider)
			.audience("voucher")
			.subject(this.device.fingerprint().value())
			.jwtID(UUID.randomUUID().toString())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plus(Duration.ofMinutes(5))))
			.claim("content_ids", List.of("movie"))
			.claim("policy_name", "rental");
	}

	private static String hs256(HmacKey key, JWTClaimsSet claims) {
		try {
			return sign(new MACSigner(key.secret()), JWSAlgorithm.HS256, key.kid(), claims);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String es256(ECKey key, JWTClaimsSet claims) {
		try {
			return sign(new ECDSASigner(key), JWSAlgorithm.ES256, key.getKeyID(), claims);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String sign(JWSSigner signer, JWSAlgorithm algorithm, String kid, JWTClaimsSet claims) {
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(kid).build(), claims);
		try {
			jwt.sign(signer);
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

	private String challenge(String contentId) {
		return challenge(this.device, contentId);
	}

	private static String challenge(TestDevice device, String contentId) {
		return device.challenge().contentId(contentId).issuedAt(Instant.now()).build();
	}

	private HttpResponse<String> post(String token, String challenge) {
		return this.http.request("POST", "/device/v1/licenses")
			.json("{\"entitlement_token\": \"" + token + "\", \"challenge\": \"" + challenge + "\"}")
			.send();
	}

	private JsonNode license(String token, String challenge) {
		HttpResponse<String> response = post(token, challenge);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return HttpTester.json(response);
	}

	private void assertRejected(HttpResponse<String> response, String reason) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = HttpTester.json(response);
		assertThat(problem.path("code").asString()).isEqualTo("ENTITLEMENT_TOKEN_REJECTED");
		assertThat(problem.path("reason").asString()).isEqualTo(reason);
		assertThat(recorded()).as("licenses recorded").isZero();
	}

	private OpenedVoucher open(JsonNode response, TestDevice device) {
		assertThat(response.path("status").asString()).as(response.toString()).isEqualTo("OK");
		String voucher = new String(Base64.getDecoder().decode(response.path("license").asString()),
				StandardCharsets.US_ASCII);
		return new VoucherOpener(LicenseTrust.pinning(this.keyMaterial.licenseRoot(), java.time.Clock.systemUTC()))
			.open(voucher, device.identity());
	}

	private long recorded() {
		return this.jdbc.queryForObject("SELECT count(*) FROM issued_license WHERE provider_id = ?", Long.class,
				this.providerId);
	}

	/**
	 * An HS256 key as the provider's backend holds it: its kid and the secret shown once.
	 */
	private record HmacKey(String kid, String encoded, byte[] secret) {
	}

}
