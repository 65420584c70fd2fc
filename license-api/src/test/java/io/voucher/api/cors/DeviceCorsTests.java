package io.voucher.api.cors;

import java.net.http.HttpResponse;
import java.util.UUID;

import io.voucher.api.testing.HttpTester;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CORS of the device API: answered for the origins providers allow, and for no other.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "voucher.admin.initial-username=root",
				"voucher.admin.initial-password=" + DeviceCorsTests.PASSWORD })
@PostgresTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceCorsTests {

	static final String PASSWORD = "cors admin password";

	@LocalServerPort
	int port;

	HttpTester http;

	String token;

	@BeforeAll
	void provider() {
		this.http = new HttpTester(this.port);
		String name = "cors-" + UUID.randomUUID().toString().substring(0, 6);
		this.http.request("POST", "/api/v1/admin/providers")
			.basic("root", PASSWORD)
			.json("{\"name\": \"" + name + "\", \"display_name\": \"CORS\"}")
			.send();
		this.token = HttpTester
			.json(this.http.request("POST", "/api/v1/admin/providers/" + name + "/credentials")
				.basic("root", PASSWORD)
				.json("{\"label\": \"cors\"}")
				.send())
			.path("token")
			.asString();
		HttpResponse<String> replaced = this.http.request("PUT", "/api/v1/cors-origins")
			.bearer(this.token)
			.json("{\"origins\": [\"HTTPS://Player.Example.com:443\", \"http://localhost:3000\"]}")
			.send();
		assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
	}

	@Test
	void replaceCorsOriginsStoresThemAsBrowsersSendThem() {
		HttpResponse<String> listed = this.http.request("GET", "/api/v1/cors-origins").bearer(this.token).send();

		assertThat(HttpTester.json(listed).path("origins").values()).extracting((node) -> node.asString())
			.containsExactly("http://localhost:3000", "https://player.example.com");
	}

	@Test
	void preflightFromAllowedOriginGetsCorsHeaders() {
		HttpResponse<String> preflight = preflight("https://player.example.com");

		assertThat(preflight.statusCode()).isEqualTo(200);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin"))
			.hasValue("https://player.example.com");
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods"))
			.hasValueSatisfying((methods) -> assertThat(methods).contains("POST"));
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Headers"))
			.hasValueSatisfying((headers) -> assertThat(headers.toLowerCase()).contains("authorization"));
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();
	}

	@Test
	void preflightFromOtherOriginGetsNoCorsHeaders() {
		HttpResponse<String> preflight = preflight("https://evil.example");

		assertThat(preflight.statusCode()).isEqualTo(403);
		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void actualRequestFromAllowedOriginMayReadTheAnswer() {
		HttpResponse<String> trust = this.http.request("GET", "/device/v1/trust")
			.header("Origin", "http://localhost:3000")
			.send();

		assertThat(trust.statusCode()).isEqualTo(200);
		assertThat(trust.headers().firstValue("Access-Control-Allow-Origin")).hasValue("http://localhost:3000");
	}

	@Test
	void providerApiAnswersNoCorsEvenForAllowedOrigins() {
		HttpResponse<String> preflight = this.http.request("OPTIONS", "/api/v1/policies")
			.header("Origin", "https://player.example.com")
			.header("Access-Control-Request-Method", "POST")
			.send();

		assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
	}

	@Test
	void replaceCorsOriginsWhenOneIsNotAnOriginThenNothingChanges() {
		HttpResponse<String> refused = this.http.request("PUT", "/api/v1/cors-origins")
			.bearer(this.token)
			.json("{\"origins\": [\"https://new.example\", \"https://*.example.com\"]}")
			.send();
		HttpResponse<String> listed = this.http.request("GET", "/api/v1/cors-origins").bearer(this.token).send();

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(HttpTester.json(refused).path("code").asString()).isEqualTo("INVALID_CORS_ORIGIN");
		assertThat(HttpTester.json(listed).path("origins").values()).extracting((node) -> node.asString())
			.containsExactly("http://localhost:3000", "https://player.example.com");
	}

	private HttpResponse<String> preflight(String origin) {
		return this.http.request("OPTIONS", "/device/v1/registrations")
			.header("Origin", origin)
			.header("Access-Control-Request-Method", "POST")
			.header("Access-Control-Request-Headers", "authorization, content-type")
			.send();
	}

}
