package io.voucher.api.policy;

import java.net.http.HttpResponse;
import java.util.UUID;

import io.voucher.api.testing.HttpTester;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "voucher.admin.initial-username=root",
				"voucher.admin.initial-password=" + PolicyApiTests.ADMIN_PASSWORD })
@PostgresTest
class PolicyApiTests {

	static final String ADMIN_PASSWORD = "correct horse battery staple";

	@LocalServerPort
	int port;

	HttpTester http;

	String provider;

	String token;

	@BeforeEach
	void providerWithCredential() {
		this.http = new HttpTester(this.port);
		this.provider = "p" + UUID.randomUUID().toString().substring(0, 8);
		this.token = newProvider(this.provider);
	}

	@Test
	void createThenGetReturnsEveryTemplateField() {
		HttpResponse<String> created = this.http.request("POST", "/api/v1/policies").bearer(this.token).json("""
				{"name": "renewable", "can_play": true, "can_persist": true, "can_renew": true,
				 "license_duration_seconds": 600, "rental_duration_seconds": 86400,
				 "playback_duration_seconds": 7200, "renewal_server_url": "https://renew.example/r",
				 "renewal_delay_seconds": 300, "renewal_retry_interval_seconds": 15,
				 "renewal_recovery_duration_seconds": 60, "renew_with_usage": true}""").send();

		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/policies/renewable");
		JsonNode policy = HttpTester
			.json(this.http.request("GET", "/api/v1/policies/renewable").bearer(this.token).send());
		assertThat(policy.path("name").asString()).isEqualTo("renewable");
		assertThat(policy.path("revision").asLong()).isZero();
		assertThat(policy.path("can_play").asBoolean()).isTrue();
		assertThat(policy.path("can_persist").asBoolean()).isTrue();
		assertThat(policy.path("can_renew").asBoolean()).isTrue();
		assertThat(policy.path("license_duration_seconds").asLong()).isEqualTo(600);
		assertThat(policy.path("rental_duration_seconds").asLong()).isEqualTo(86400);
		assertThat(policy.path("playback_duration_seconds").asLong()).isEqualTo(7200);
		assertThat(policy.path("renewal_server_url").asString()).isEqualTo("https://renew.example/r");
		assertThat(policy.path("renewal_delay_seconds").asLong()).isEqualTo(300);
		assertThat(policy.path("renewal_retry_interval_seconds").asLong()).isEqualTo(15);
		assertThat(policy.path("renewal_recovery_duration_seconds").asLong()).isEqualTo(60);
		assertThat(policy.path("renew_with_usage").asBoolean()).isTrue();
	}

	@Test
	void trackRequirementsRoundTripAndAreValidated() {
		HttpResponse<String> created = this.http.request("POST", "/api/v1/policies").bearer(this.token).json("""
				{"name": "tiered", "can_play": true, "content_key_specs": [
				  {"track_type": "HD", "security_level": 3, "required_output_protection": {"hdcp": "HDCP_V2"}},
				  {"track_type": "SD"}]}""").send();
		HttpResponse<String> invalid = this.http.request("POST", "/api/v1/policies").bearer(this.token).json("""
				{"name": "bad", "content_key_specs": [{"track_type": "HD", "security_level": 9},
				  {"track_type": "SD"}, {"track_type": "SD"}]}""").send();

		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		JsonNode specs = HttpTester.json(created).path("content_key_specs");
		assertThat(specs.findValuesAsString("track_type")).containsExactly("SD", "HD");
		assertThat(specs.get(1).path("security_level").asInt()).isEqualTo(3);
		assertThat(specs.get(1).path("required_output_protection").path("hdcp").asString()).isEqualTo("HDCP_V2");
		assertThat(specs.get(0).path("security_level").asInt()).isEqualTo(1);
		assertThat(invalid.statusCode()).isEqualTo(400);
		assertThat(HttpTester.json(invalid).path("errors").findValuesAsString("field"))
			.containsExactly("content_key_specs[0].security_level", "content_key_specs[2].track_type");
	}

	@Test
	void createWhenFieldsOmittedThenTemplateDefaults() {
		HttpResponse<String> created = this.http.request("POST", "/api/v1/policies")
			.bearer(this.token)
			.json("{\"name\": \"empty\"}")
			.send();

		JsonNode policy = HttpTester.json(created);
		assertThat(policy.path("can_play").asBoolean()).isFalse();
		assertThat(policy.path("can_persist").asBoolean()).isFalse();
		assertThat(policy.path("license_duration_seconds").asLong()).isZero();
		assertThat(policy.has("renewal_server_url")).isFalse();
	}

	@Test
	void createWhenInvalidThenOneErrorPerViolationAndNothingStored() {
		HttpResponse<String> response = this.http.request("POST", "/api/v1/policies").bearer(this.token).json("""
				{"name": "bad", "license_duration_seconds": -1, "rental_duration_seconds": -5,
				 "renewal_server_url": "https://renew.example/"}""").send();

		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode problem = HttpTester.json(response);
		assertThat(problem.path("code").asString()).isEqualTo("INVALID_POLICY");
		assertThat(problem.path("errors").findValuesAsString("field")).containsExactly("license_duration_seconds",
				"rental_duration_seconds", "renewal_server_url");
		assertThat(this.http.request("GET", "/api/v1/policies/bad").bearer(this.token).send().statusCode())
			.isEqualTo(404);
	}

	@Test
	void replaceThenRevisionGrowsAndOmittedFieldsReset() {
		create("{\"name\": \"p1\", \"can_play\": true, \"can_persist\": true}");

		HttpResponse<String> replaced = this.http.request("PUT", "/api/v1/policies/p1")
			.bearer(this.token)
			.json("{\"can_play\": true}")
			.send();

		assertThat(replaced.statusCode()).isEqualTo(200);
		JsonNode policy = HttpTester.json(replaced);
		assertThat(policy.path("revision").asLong()).isEqualTo(1);
		assertThat(policy.path("can_persist").asBoolean()).isFalse();
	}

	@Test
	void replaceWhenNameInBodyDiffersThenRefused() {
		create("{\"name\": \"p1\"}");

		HttpResponse<String> response = this.http.request("PUT", "/api/v1/policies/p1")
			.bearer(this.token)
			.json("{\"name\": \"p2\"}")
			.send();

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(HttpTester.json(response).path("errors").findValuesAsString("field")).containsExactly("name");
	}

	@Test
	void createWhenNameTakenThenConflict() {
		create("{\"name\": \"dup\"}");

		HttpResponse<String> response = this.http.request("POST", "/api/v1/policies")
			.bearer(this.token)
			.json("{\"name\": \"dup\"}")
			.send();

		assertThat(response.statusCode()).isEqualTo(409);
		assertThat(HttpTester.json(response).path("code").asString()).isEqualTo("POLICY_EXISTS");
	}

	@Test
	void deleteThenNotFound() {
		create("{\"name\": \"gone\"}");

		assertThat(this.http.request("DELETE", "/api/v1/policies/gone").bearer(this.token).send().statusCode())
			.isEqualTo(204);
		HttpResponse<String> after = this.http.request("GET", "/api/v1/policies/gone").bearer(this.token).send();
		assertThat(after.statusCode()).isEqualTo(404);
		assertThat(HttpTester.json(after).path("code").asString()).isEqualTo("POLICY_NOT_FOUND");
	}

	@Test
	void listIsPagedAndSortable() {
		for (String name : new String[] { "c", "a", "b" }) {
			create("{\"name\": \"" + name + "\"}");
		}

		JsonNode page = HttpTester
			.json(this.http.request("GET", "/api/v1/policies?size=2&sort=name,desc").bearer(this.token).send());

		assertThat(page.path("items").findValuesAsString("name")).containsExactly("c", "b");
		assertThat(page.path("page").path("total_elements").asLong()).isEqualTo(3);
		assertThat(page.path("page").path("total_pages").asInt()).isEqualTo(2);
		assertThat(page.path("page").path("size").asInt()).isEqualTo(2);
	}

	@Test
	void listWhenPageParametersInvalidThenProblem() {
		for (String query : new String[] { "size=0", "size=201", "page=-1", "sort=secret", "sort=name,sideways" }) {
			HttpResponse<String> response = this.http.request("GET", "/api/v1/policies?" + query)
				.bearer(this.token)
				.send();
			assertThat(response.statusCode()).as(query).isEqualTo(400);
			assertThat(HttpTester.json(response).path("code").asString()).as(query).isEqualTo("INVALID_PAGE_REQUEST");
		}
	}

	@Test
	void anotherProvidersPoliciesDoNotExistForThisOne() {
		create("{\"name\": \"mine\"}");
		String otherToken = newProvider(this.provider + "-other");

		HttpResponse<String> get = this.http.request("GET", "/api/v1/policies/mine").bearer(otherToken).send();
		HttpResponse<String> named = this.http.request("GET", "/api/v1/policies/mine?provider=" + this.provider)
			.bearer(otherToken)
			.send();
		JsonNode list = HttpTester.json(this.http.request("GET", "/api/v1/policies").bearer(otherToken).send());

		assertThat(get.statusCode()).isEqualTo(404);
		assertThat(named.statusCode()).isEqualTo(404);
		assertThat(HttpTester.json(named).path("code").asString()).isEqualTo("PROVIDER_NOT_FOUND");
		assertThat(list.path("items").size()).isZero();
	}

	@Test
	void adminActsForANamedProvider() {
		create("{\"name\": \"seen-by-admin\"}");

		HttpResponse<String> withoutProvider = this.http.request("GET", "/api/v1/policies")
			.basic("root", ADMIN_PASSWORD)
			.send();
		HttpResponse<String> withProvider = this.http
			.request("GET", "/api/v1/policies/seen-by-admin?provider=" + this.provider)
			.basic("root", ADMIN_PASSWORD)
			.send();

		assertThat(withoutProvider.statusCode()).isEqualTo(400);
		assertThat(HttpTester.json(withoutProvider).path("code").asString()).isEqualTo("PROVIDER_REQUIRED");
		assertThat(withProvider.statusCode()).isEqualTo(200);
	}

	@Test
	void withoutOrWithBadCredentialThenUnauthorized() {
		HttpResponse<String> none = this.http.request("GET", "/api/v1/policies").send();
		HttpResponse<String> bad = this.http.request("GET", "/api/v1/policies")
			.bearer("vch_aaaaaaaaaa_" + "A".repeat(43))
			.send();
		HttpResponse<String> badPassword = this.http.request("GET", "/api/v1/policies?provider=" + this.provider)
			.basic("root", "wrong")
			.send();

		for (HttpResponse<String> response : java.util.List.of(none, bad, badPassword)) {
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
			assertThat(HttpTester.json(response).path("code").asString()).isEqualTo("UNAUTHORIZED");
		}
	}

	@Test
	void providerCannotUseTheAdminApi() {
		HttpResponse<String> response = this.http.request("GET", "/api/v1/admin/providers").bearer(this.token).send();

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(HttpTester.json(response).path("code").asString()).isEqualTo("FORBIDDEN");
	}

	@Test
	void malformedBodiesAreProblems() {
		String[] bodies = { "{not json", "{\"name\": \"x\", \"can_play\": \"yes please\"}",
				"{\"name\": \"x\", \"can_persit\": true}", "[]" };
		for (String body : bodies) {
			HttpResponse<String> response = this.http.request("POST", "/api/v1/policies")
				.bearer(this.token)
				.json(body)
				.send();
			assertThat(response.statusCode()).as(body).isEqualTo(400);
			assertThat(HttpTester.json(response).path("code").asString()).as(body).isEqualTo("MALFORMED_REQUEST");
		}
		assertThat(HttpTester.json(this.http.request("GET", "/api/v1/policies").bearer(this.token).send())
			.path("items")
			.size()).isZero();
	}

	private void create(String body) {
		HttpResponse<String> response = this.http.request("POST", "/api/v1/policies")
			.bearer(this.token)
			.json(body)
			.send();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

	private String newProvider(String name) {
		HttpResponse<String> provider = this.http.request("POST", "/api/v1/admin/providers")
			.basic("root", ADMIN_PASSWORD)
			.json("{\"name\": \"" + name + "\", \"display_name\": \"Provider " + name + "\"}")
			.send();
		assertThat(provider.statusCode()).as(provider.body()).isEqualTo(201);
		HttpResponse<String> credential = this.http.request("POST", "/api/v1/admin/providers/" + name + "/credentials")
			.basic("root", ADMIN_PASSWORD)
			.json("{\"label\": \"backend\"}")
			.send();
		assertThat(credential.statusCode()).as(credential.body()).isEqualTo(201);
		return HttpTester.json(credential).path("token").asString();
	}

}
