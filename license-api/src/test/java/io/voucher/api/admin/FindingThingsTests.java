package io.voucher.api.admin;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.UUID;

import io.voucher.api.testing.HttpTester;
import io.voucher.api.testing.TrustedManufacturer;
import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.testing.TestDevice;
import io.voucher.crypto.testing.TestPki;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the console finds things with: the {@code q} search of the provider, policy,
 * content and device group lists, an audit event by its id (with its provider's name),
 * and the record a job works on.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "voucher.admin.initial-username=root",
				"voucher.admin.initial-password=" + FindingThingsTests.PASSWORD })
@PostgresTest
class FindingThingsTests {

	static final String PASSWORD = "finding things admin password";

	static final TestPki manufacturer = TestPki.create();

	@DynamicPropertySource
	static void platform(DynamicPropertyRegistry registry) {
		TrustedManufacturer.trust(registry, manufacturer);
	}

	@LocalServerPort
	int port;

	HttpTester http;

	String provider;

	String token;

	@BeforeEach
	void provider() {
		this.http = new HttpTester(this.port);
		this.provider = "find-" + UUID.randomUUID().toString().substring(0, 8);
		admin("POST", "/api/v1/admin/providers",
				"{\"name\": \"" + this.provider + "\", \"display_name\": \"Finding Films " + this.provider + "\"}");
		this.token = HttpTester
			.json(admin("POST", "/api/v1/admin/providers/" + this.provider + "/credentials", "{\"label\": \"b\"}"))
			.path("token")
			.asString();
	}

	@Test
	void listsSearchByPartOfANameIgnoringCaseAndTakeWildcardsLiterally() {
		for (String name : new String[] { "rental-week", "Rental_day", "subscription" }) {
			assertThat(provider("POST", "/api/v1/policies", "{\"name\": \"" + name + "\"}").statusCode())
				.isEqualTo(201);
		}
		assertThat(names(provider("GET", "/api/v1/policies?q=RENTAL", null), "name")).containsExactly("Rental_day",
				"rental-week");
		assertThat(names(provider("GET", "/api/v1/policies?q=l_", null), "name")).containsExactly("Rental_day");
		assertThat(names(provider("GET", "/api/v1/policies?q=%25", null), "name")).isEmpty();
		assertThat(names(provider("GET", "/api/v1/policies?q=%20%20", null), "name")).hasSize(3);

		provider("POST", "/api/v1/contents",
				"{\"content_id\": \"movie-1\", \"name\": \"The Long Rental\", \"keys\": [{\"track_type\": \"SD\"}]}");
		provider("POST", "/api/v1/contents",
				"{\"content_id\": \"series-2\", \"name\": \"Drama\", \"keys\": [{\"track_type\": \"SD\"}]}");
		assertThat(names(provider("GET", "/api/v1/contents?q=rental", null), "content_id")).containsExactly("movie-1");
		assertThat(names(provider("GET", "/api/v1/contents?q=SERIES", null), "content_id")).containsExactly("series-2");

		String smith = HttpTester
			.json(provider("POST", "/api/v1/device-groups", "{\"name\": \"Smith family\", \"max_members\": 2}"))
			.path("group_id")
			.asString();
		provider("POST", "/api/v1/device-groups", "{\"name\": \"Jones house\", \"max_members\": 2}");
		assertThat(names(provider("GET", "/api/v1/device-groups?q=smith", null), "name"))
			.containsExactly("Smith family");
		assertThat(names(provider("GET", "/api/v1/device-groups?q=" + smith.substring(0, 8), null), "group_id"))
			.containsExactly(smith);

		assertThat(names(admin("GET", "/api/v1/admin/providers?q=FINDING%20FILMS%20" + this.provider, null), "name"))
			.containsExactly(this.provider);
		assertThat(names(admin("GET", "/api/v1/admin/providers?q=" + this.provider.substring(5), null), "name"))
			.containsExactly(this.provider);
	}

	@Test
	void anAuditEventIsFoundByItsIdWithItsProvidersName() {
		provider("POST", "/api/v1/policies", "{\"name\": \"audited\"}");
		JsonNode listed = HttpTester
			.json(admin("GET",
					"/api/v1/admin/audit-events?provider=" + this.provider + "&action=POST%20/api/v1/policies", null))
			.path("items")
			.get(0);
		assertThat(listed.path("provider").asString()).isEqualTo(this.provider);

		HttpResponse<String> found = admin("GET", "/api/v1/admin/audit-events/" + listed.path("id").asLong(), null);

		assertThat(found.statusCode()).isEqualTo(200);
		JsonNode event = HttpTester.json(found);
		assertThat(event.path("provider").asString()).isEqualTo(this.provider);
		assertThat(event.path("target").asString()).isEqualTo("/api/v1/policies");
		assertThat(event.path("action").asString()).isEqualTo("POST /api/v1/policies");
		assertThat(event.path("actor_type").asString()).isEqualTo("PROVIDER");
		assertThat(event.path("occurred_at").asString()).isEqualTo(listed.path("occurred_at").asString());
	}

	@Test
	void anAdminsCallForAProviderIsInThatProvidersTrail() {
		HttpResponse<String> created = admin("POST", "/api/v1/policies?provider=" + this.provider,
				"{\"name\": \"by-admin\"}");
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

		JsonNode event = HttpTester
			.json(admin("GET", "/api/v1/admin/audit-events?provider=" + this.provider + "&actor=root", null))
			.path("items")
			.get(0);

		assertThat(event.path("action").asString()).isEqualTo("POST /api/v1/policies");
		assertThat(event.path("actor_type").asString()).isEqualTo("ADMIN");
		assertThat(event.path("provider").asString()).isEqualTo(this.provider);
	}

	@Test
	void aJobNamesTheRegistrationItWorksOnByItsGeneratedId() {
		provider("POST", "/api/v1/contents",
				"{\"content_id\": \"movie\", \"name\": \"Movie\", \"keys\": [{\"track_type\": \"SD\"}]}");
		provider("POST", "/api/v1/policies", "{\"name\": \"rental\", \"can_play\": true}");
		// The test PKI's clock stands still from class loading: signed requests carry
		// now.
		manufacturer.clock().set(Instant.now());
		TestDevice device = manufacturer.newDevice().build();
		GeneratedId id = GeneratedId.random();
		HttpResponse<String> registered = this.http.request("POST", "/device/v1/registrations")
			.json("{\"registration\": \"" + device.register(id, this.provider) + "\"}")
			.send();
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);

		HttpResponse<String> granted = provider("POST", "/api/v1/entitlements",
				"{\"generated_id\": \"" + id + "\", \"content_id\": \"movie\", \"policy_name\": \"rental\"}");
		String jobId = HttpTester.json(granted).path("job_id").asString();
		assertThat(jobId).as(granted.body()).isNotBlank();

		JsonNode job = HttpTester.json(admin("GET", "/api/v1/jobs/" + jobId, null));
		assertThat(job.path("scope").asString()).startsWith("registration:");
		assertThat(job.path("subject").asString()).isEqualTo("generated-id:" + id);
		JsonNode listed = HttpTester.json(admin("GET", "/api/v1/jobs?provider=" + this.provider, null)).path("items");
		assertThat(listed.findValuesAsString("subject")).contains("generated-id:" + id);
	}

	private static java.util.List<String> names(HttpResponse<String> response, String field) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return HttpTester.json(response).path("items").findValuesAsString(field);
	}

	private HttpResponse<String> provider(String method, String path, String body) {
		HttpTester.Request request = this.http.request(method, path).bearer(this.token);
		if (body != null) {
			request.json(body);
		}
		return request.send();
	}

	private HttpResponse<String> admin(String method, String path, String body) {
		HttpTester.Request request = this.http.request(method, path).basic("root", PASSWORD);
		if (body != null) {
			request.json(body);
		}
		return request.send();
	}

}
