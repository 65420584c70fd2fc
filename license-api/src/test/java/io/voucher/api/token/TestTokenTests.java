package io.voucher.api.token;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import io.voucher.api.testing.HttpTester;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Test tokens for the try-it player: what they grant, how long they live, which key signs
 * them, and that every one is audited.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@PostgresTest
class TestTokenTests {

	@LocalServerPort
	int port;

	@Autowired
	ProviderService providers;

	@Autowired
	ContentService contents;

	@Autowired
	PolicyService policies;

	@Autowired
	EntitlementTokenVerifier verifier;

	@Autowired
	JdbcTemplate jdbc;

	HttpTester http;

	String provider;

	String credential;

	UUID providerId;

	@BeforeEach
	void providerContentAndPolicy() {
		this.http = new HttpTester(this.port);
		this.provider = "try-" + UUID.randomUUID().toString().substring(0, 8);
		this.providerId = this.providers.create(this.provider, "Try it").id();
		UUID providerId = this.providerId;
		this.credential = this.providers.createCredential(this.provider, "backend").token();
		this.contents.create(providerId, new ContentId("clip"), "Clip", List.of(KeyRequest.generate(TrackType.SD)));
		this.policies.create(providerId, new PolicyName("preview"), PlaybackPolicy.builder().canPlay(true).build(),
				Map.of());
	}

	@Test
	void createTestTokenWhenProviderThenTokenVerifiesForContentAndPolicyWithNoDevice() throws Exception {
		Instant before = Instant.now();
		HttpResponse<String> response = testToken("clip", "{\"policy_name\": \"preview\"}");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode body = HttpTester.json(response);
		assertThat(body.get("clear_key_url").asString()).isEqualTo("/api/v1/clearkey/license");
		assertThat(body.get("header").asString()).isEqualTo("X-Voucher-Entitlement");
		assertThat(body.get("kid").asString()).isEqualTo("voucher-try-it");

		EntitlementToken token = this.verifier.verify(body.get("token").asString());
		assertThat(token.provider().providerName()).isEqualTo(this.provider);
		assertThat(token.kid()).isEqualTo("voucher-try-it");
		assertThat(token.contentIds()).containsExactly("clip");
		assertThat(token.policyName()).isEqualTo("preview");
		assertThat(token.deviceFingerprint()).isNull();
		assertThat(token.generatedId()).isNull();
		assertThat(token.expiresAt()).isBetween(before.plus(Duration.ofMinutes(10)).minusSeconds(1),
				Instant.now().plus(Duration.ofMinutes(10)).plusSeconds(1));
		assertThat(SignedJWT.parse(body.get("token").asString()).getHeader().getAlgorithm())
			.isEqualTo(JWSAlgorithm.HS256);
		assertThat(Instant.parse(body.get("expires_at").asString())).isEqualTo(token.expiresAt());
	}

	@Test
	void createTestTokenTwiceThenOneKeyAndTwoAuditEvents() {
		HttpResponse<String> first = testToken("clip", "{\"policy_name\": \"preview\", \"lifetime_seconds\": 60}");
		HttpResponse<String> second = testToken("clip", "{\"policy_name\": \"preview\"}");
		assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
		assertThat(second.statusCode()).as(second.body()).isEqualTo(201);
		EntitlementToken shortLived = this.verifier.verify(HttpTester.json(first).get("token").asString());
		assertThat(shortLived.expiresAt()).isBefore(Instant.now().plusSeconds(61));

		HttpResponse<String> keys = this.http.request("GET", "/api/v1/entitlement-token-keys")
			.bearer(this.credential)
			.send();
		assertThat(HttpTester.json(keys).get("items").findValuesAsString("kid")).containsExactly("voucher-try-it");
		Integer audited = this.jdbc.queryForObject(
				"SELECT count(*) FROM audit_event WHERE action = 'POST /api/v1/contents/{contentId}/test-token' "
						+ "AND outcome = 'SUCCESS' AND provider_id = ?",
				Integer.class, this.providerId);
		assertThat(audited).isEqualTo(2);
	}

	@Test
	void createTestTokenWhenKeyDeletedThenOldTokensRefusedAndANewKeyIsMade() {
		String old = HttpTester.json(testToken("clip", "{\"policy_name\": \"preview\"}")).get("token").asString();
		HttpResponse<String> deleted = this.http.request("DELETE", "/api/v1/entitlement-token-keys/voucher-try-it")
			.bearer(this.credential)
			.send();
		assertThat(deleted.statusCode()).isEqualTo(204);
		assertThatExceptionOfType(EntitlementTokenRejectedException.class).isThrownBy(() -> this.verifier.verify(old))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(EntitlementTokenRejectedException.Reason.UNKNOWN_KEY));

		String fresh = HttpTester.json(testToken("clip", "{\"policy_name\": \"preview\"}")).get("token").asString();
		assertThat(this.verifier.verify(fresh).contentIds()).containsExactly("clip");
		assertThatExceptionOfType(EntitlementTokenRejectedException.class).isThrownBy(() -> this.verifier.verify(old));
	}

	@Test
	void createTestTokenWhenProviderRegisteredAnEcKeyOfThatIdThenConflict() throws Exception {
		String jwk = new ECKeyGenerator(Curve.P_256).generate().toPublicJWK().toJSONString();
		HttpResponse<String> registered = this.http.request("POST", "/api/v1/entitlement-token-keys")
			.bearer(this.credential)
			.json("{\"algorithm\": \"ES256\", \"kid\": \"voucher-try-it\", \"public_key_jwk\": " + jwk + "}")
			.send();
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);

		HttpResponse<String> response = testToken("clip", "{\"policy_name\": \"preview\"}");
		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(HttpTester.json(response).get("code").asString()).isEqualTo("ENTITLEMENT_TOKEN_KEY_EXISTS");
	}

	@Test
	void createTestTokenForAnotherProvidersContentThenNotFound() {
		String other = "try-other-" + UUID.randomUUID().toString().substring(0, 8);
		UUID otherId = this.providers.create(other, "Other").id();
		this.contents.create(otherId, new ContentId("secret-clip"), "Secret",
				List.of(KeyRequest.generate(TrackType.SD)));
		HttpResponse<String> response = testToken("secret-clip", "{\"policy_name\": \"preview\"}");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(HttpTester.json(response).get("code").asString()).isEqualTo("CONTENT_NOT_FOUND");
	}

	private HttpResponse<String> testToken(String contentId, String body) {
		return this.http.request("POST", "/api/v1/contents/" + contentId + "/test-token")
			.bearer(this.credential)
			.json(body)
			.send();
	}

}
