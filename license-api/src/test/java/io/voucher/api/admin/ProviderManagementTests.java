package io.voucher.api.admin;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.voucher.api.testing.HttpTester;
import io.voucher.api.testing.TrustedManufacturer;
import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.testing.TestDevice;
import io.voucher.crypto.testing.TestPki;
import io.voucher.crypto.voucher.TrackType;
import io.voucher.domain.content.ContentId;
import io.voucher.domain.content.ContentService;
import io.voucher.domain.content.KeyRequest;
import io.voucher.domain.policy.PlaybackPolicy;
import io.voucher.domain.policy.PolicyName;
import io.voucher.domain.policy.PolicyService;
import io.voucher.domain.provider.Provider;
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
 * Editing a provider: a new display name, and disabling, which refuses the provider's
 * credentials and its devices on every path while keeping everything it stores, until it
 * is enabled again.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "voucher.admin.initial-username=root",
				"voucher.admin.initial-password=" + ProviderManagementTests.PASSWORD })
@PostgresTest
class ProviderManagementTests {

	static final String PASSWORD = "provider admin password";

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
	JdbcTemplate jdbc;

	HttpTester http;

	String name;

	String token;

	@BeforeEach
	void provider() {
		this.http = new HttpTester(this.port);
		this.name = "managed-" + UUID.randomUUID().toString().substring(0, 8);
		Provider provider = this.providers.create(this.name, "Managed");
		this.contents.create(provider.id(), new ContentId("movie"), null, List.of(KeyRequest.generate(TrackType.SD)));
		this.policies.create(provider.id(), new PolicyName("p"), PlaybackPolicy.builder().canPlay(true).build(),
				Map.of());
		this.token = this.providers.createCredential(this.name, "backend").token();
	}

	@Test
	void patchDisplayNameChangesItAloneAndIsAudited() {
		HttpResponse<String> renamed = patch("{\"display_name\": \"Managed Media Ltd\"}");
		HttpResponse<String> unchanged = patch("{}");

		assertThat(renamed.statusCode()).as(renamed.body()).isEqualTo(200);
		JsonNode body = HttpTester.json(renamed);
		assertThat(body.path("name").asString()).isEqualTo(this.name);
		assertThat(body.path("display_name").asString()).isEqualTo("Managed Media Ltd");
		assertThat(body.path("disabled").asBoolean()).isFalse();
		assertThat(body.has("disabled_at")).isFalse();
		assertThat(unchanged.statusCode()).isEqualTo(200);
		assertThat(HttpTester
			.json(this.http.request("GET", "/api/v1/admin/providers/" + this.name).basic("root", PASSWORD).send())
			.path("display_name")
			.asString()).isEqualTo("Managed Media Ltd");
		assertThat(events()).containsExactly("provider.updated");
	}

	@Test
	void patchWithBlankDisplayNameIsRefusedAndChangesNothing() {
		HttpResponse<String> refused = patch("{\"display_name\": \" \", \"disabled\": true}");

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(HttpTester.json(refused).path("code").asString()).isEqualTo("VALIDATION_FAILED");
		assertThat(this.providers.get(this.name).isDisabled()).isFalse();
		assertThat(events()).isEmpty();
	}

	@Test
	void disabledProviderIsRefusedEverywhereAndEnablingRestoresEverything() {
		TestDevice registered = manufacturer.newDevice().build();
		GeneratedId id = GeneratedId.random();
		assertThat(register(registered, id).statusCode()).isEqualTo(201);
		assertThat(bundle(id).statusCode()).isEqualTo(200);

		HttpResponse<String> disabled = patch("{\"disabled\": true}");

		assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
		assertThat(HttpTester.json(disabled).path("disabled").asBoolean()).isTrue();
		assertThat(HttpTester.json(disabled).path("disabled_at").asString()).isNotEmpty();
		assertProblem(this.http.request("GET", "/api/v1/policies").bearer(this.token).send(), 403, "PROVIDER_DISABLED");
		assertProblem(register(manufacturer.newDevice().build(), GeneratedId.random()), 403, "PROVIDER_DISABLED");
		assertProblem(bundle(id), 403, "PROVIDER_DISABLED");
		// An admin acting for the provider gets no license either.
		assertThat(license(registered, "Authorization", basic()).path("status").asString())
			.isEqualTo("PROVIDER_DISABLED");
		// A wrong secret stays a plain 401: the provider's state is told only to its own
		// credential.
		HttpResponse<String> wrong = this.http.request("GET", "/api/v1/policies")
			.bearer(this.token.substring(0, this.token.length() - 2) + "xx")
			.send();
		assertProblem(wrong, 401, "UNAUTHORIZED");

		HttpResponse<String> enabled = patch("{\"disabled\": false}");

		assertThat(enabled.statusCode()).isEqualTo(200);
		assertThat(HttpTester.json(enabled).path("disabled").asBoolean()).isFalse();
		assertThat(HttpTester.json(enabled).has("disabled_at")).isFalse();
		HttpResponse<String> policies = this.http.request("GET", "/api/v1/policies").bearer(this.token).send();
		assertThat(policies.statusCode()).isEqualTo(200);
		assertThat(HttpTester.json(policies).path("items").findValuesAsString("name")).containsExactly("p");
		assertThat(bundle(id).statusCode()).isEqualTo(200);
		assertThat(register(manufacturer.newDevice().build(), GeneratedId.random()).statusCode()).isEqualTo(201);
		assertThat(license(registered, "Authorization", "Bearer " + this.token).path("status").asString())
			.isEqualTo("OK");
		assertThat(events()).containsExactly("provider.disabled", "provider.enabled");
	}

	@Test
	void disablingTwiceKeepsTheFirstTimeAndRecordsOnce() {
		String first = HttpTester.json(patch("{\"disabled\": true}")).path("disabled_at").asString();
		HttpResponse<String> again = patch("{\"disabled\": true}");

		assertThat(HttpTester.json(again).path("disabled_at").asString()).isEqualTo(first);
		assertThat(events()).containsExactly("provider.disabled");
	}

	private HttpResponse<String> patch(String body) {
		return this.http.request("PATCH", "/api/v1/admin/providers/" + this.name)
			.basic("root", PASSWORD)
			.json(body)
			.send();
	}

	private HttpResponse<String> register(TestDevice device, GeneratedId id) {
		return this.http.request("POST", "/device/v1/registrations")
			.json("{\"registration\": \"" + device.register(id, this.name) + "\"}")
			.send();
	}

	private HttpResponse<String> bundle(GeneratedId id) {
		return this.http.get("/device/v1/registrations/" + id + "/licenses");
	}

	private JsonNode license(TestDevice device, String header, String value) {
		String challenge = device.challenge().contentId("movie").build();
		return HttpTester.json(this.http.request("POST", "/api/v1/licenses")
			.header(header, value)
			.json("{\"payload\": \"" + challenge + "\", \"provider\": \"" + this.name + "\", \"policy_name\": \"p\"}")
			.send());
	}

	private List<String> events() {
		return this.jdbc.queryForList(
				"SELECT action FROM audit_event WHERE action LIKE 'provider.%' AND target = ? ORDER BY id",
				String.class, "/api/v1/admin/providers/" + this.name);
	}

	private static String basic() {
		return "Basic " + java.util.Base64.getEncoder()
			.encodeToString(("root:" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	private static void assertProblem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(HttpTester.json(response).path("code").asString()).isEqualTo(code);
	}

}
