package io.voucher.api.platform;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import io.voucher.api.testing.HttpTester;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@PostgresTest
class PlatformEndpointsTests {

	@LocalServerPort
	int port;

	HttpTester http;

	@BeforeEach
	void client() {
		this.http = new HttpTester(this.port);
	}

	@Test
	void healthWhenDatabaseUpThenUp() {
		HttpResponse<String> response = this.http.get("/actuator/health");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(HttpTester.json(response).path("status").asString()).isEqualTo("UP");
	}

	@Test
	void platformTellsNameVersionAndDatabaseInSnakeCase() {
		HttpResponse<String> response = this.http.get("/api/v1/platform");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = HttpTester.json(response);
		assertThat(body.path("name").asString()).isEqualTo("Voucher");
		assertThat(body.path("version").asString()).isNotBlank();
		JsonNode database = body.path("database");
		assertThat(database.path("product").asString()).isEqualTo("PostgreSQL");
		assertThat(database.path("product_version").asString()).matches("\\d+\\.\\d+.*");
		// The test database is provided by the test configuration, not started by the
		// application.
		assertThat(database.path("mode").asString()).isEqualTo("EXTERNAL");
	}

	@Test
	@SuppressWarnings("rawtypes")
	void apiDocsIsAValidOpenApiDocument() {
		HttpResponse<String> response = this.http.get("/v3/api-docs");

		assertThat(response.statusCode()).isEqualTo(200);
		SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(response.body());
		assertThat(parsed.getMessages()).isEmpty();
		assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.");
		assertThat(parsed.getOpenAPI().getPaths()).containsKey("/api/v1/platform");
		assertThat(parsed.getOpenAPI().getComponents().getSchemas().get("DatabaseInfo").getProperties())
			.containsOnlyKeys("mode", "product", "product_version");
		// The license message: every template field, and an example per request type.
		assertThat(parsed.getOpenAPI().getComponents().getSchemas().get("LicenseMessage").getProperties())
			.containsOnlyKeys("payload", "content_id", "provider", "policy_name", "allowed_track_types",
					"content_key_specs", "use_policy_overrides_exclusively", "policy_overrides", "session_init",
					"parse_only");
		for (String schema : new String[] { "LicenseMessage", "LicenseResponse", "PolicyOverrides", "SessionInit",
				"LicenseContentKeySpec", "SupportedTrack", "SessionState", "LicenseMetadata", "ParsedChallenge" }) {
			Map<String, Schema> properties = parsed.getOpenAPI()
				.getComponents()
				.getSchemas()
				.get(schema)
				.getProperties();
			for (Map.Entry<String, Schema> property : properties.entrySet()) {
				boolean described = property.getValue().getDescription() != null
						|| property.getValue().get$ref() != null;
				assertThat(described).as(schema + "." + property.getKey() + " is described").isTrue();
			}
		}
		var license = parsed.getOpenAPI().getPaths().get("/api/v1/licenses").getPost();
		assertThat(license.getRequestBody().getContent().get("application/json").getExamples()).containsKeys("new",
				"renewal", "release", "parse-only");
		assertThat(license.getResponses().get("200").getContent().get("application/json").getExamples())
			.containsKeys("new", "renewal", "release", "parse-only", "refused");
	}

	/**
	 * The committed description ({@code docs/openapi.json}) is the contract that SDKs and
	 * the admin console's typed client are generated from: it must be exactly what the
	 * server describes. After an API change, rerun with
	 * {@code -Dvoucher.openapi.update=true} to rewrite it, and review the difference; the
	 * console's build then type-checks against the new description.
	 */
	@Test
	void committedOpenApiDescriptionIsWhatTheServerDescribes() throws IOException {
		// The first description walks every controller: minutes on a loaded build
		// machine.
		HttpResponse<String> response = this.http.request("GET", "/v3/api-docs").timeout(Duration.ofMinutes(3)).send();
		assertThat(response.statusCode()).isEqualTo(200);
		String served = canonicalDescription(response.body());
		Path committed = Path.of("..", "docs", "openapi.json");

		if (Boolean.getBoolean("voucher.openapi.update")) {
			Files.writeString(committed, served, StandardCharsets.UTF_8);
		}
		Files.createDirectories(Path.of("target"));
		Files.writeString(Path.of("target", "openapi.json"), served, StandardCharsets.UTF_8);

		assertThat(Files.readString(committed, StandardCharsets.UTF_8))
			.as("docs/openapi.json is out of date: compare it with license-api/target/openapi.json, "
					+ "or rerun this test with -Dvoucher.openapi.update=true to rewrite it")
			.isEqualTo(served);
	}

	/**
	 * Keys sorted, two-space indents.
	 */
	static String canonicalDescription(String description) {
		JsonMapper mapper = JsonMapper.builder()
			.enable(SerializationFeature.INDENT_OUTPUT)
			.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
			.build();
		@SuppressWarnings("unchecked")
		Map<String, Object> tree = mapper.readValue(description, Map.class);
		return mapper.writeValueAsString(tree) + "\n";
	}

	@Test
	void swaggerUiIsServed() {
		HttpResponse<String> response = this.http.get("/swagger-ui/index.html");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("Swagger UI");
	}

	@Test
	void prometheusAnswersMetricsWithTheScrapeToken() {
		HttpResponse<String> response = this.http.scrape();

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
	}

	@Test
	void metricsAndInfoRefuseCallersWithoutTheScrapeToken() {
		for (String path : List.of("/actuator/prometheus", "/actuator/info", "/actuator")) {
			for (String authorization : List.of("", "Bearer wrong-token", "Basic cm9vdDpyb290")) {
				var request = this.http.request("GET", path);
				if (!authorization.isEmpty()) {
					request.header("Authorization", authorization);
				}
				HttpResponse<String> response = request.send();

				assertThat(response.statusCode()).as(path + " " + authorization).isEqualTo(401);
				assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
				assertThat(HttpTester.json(response).path("code").asString()).isEqualTo("UNAUTHORIZED");
				assertThat(response.body()).doesNotContain("voucher_", "jvm_");
			}
		}
		assertThat(this.http.request("GET", "/actuator/info").bearer(HttpTester.METRICS_TOKEN).send().statusCode())
			.isEqualTo(200);
	}

	@Test
	void anonymousHealthShowsTheStatusOnly() {
		HttpResponse<String> response = this.http.get("/actuator/health");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(HttpTester.json(response).path("status").asString()).isEqualTo("UP");
		assertThat(HttpTester.json(response).propertyNames()).doesNotContain("components", "details");
		assertThat(response.body()).doesNotContain("db", "diskSpace", "PostgreSQL");
	}

	@Test
	void anonymousPlatformShowsNoConnectionDetails() {
		JsonNode database = HttpTester.json(this.http.get("/api/v1/platform")).path("database");

		assertThat(database.propertyNames()).containsExactlyInAnyOrder("mode", "product", "product_version");
		assertThat(database.toString()).doesNotContain("jdbc:", "localhost", "5432");
	}

	@Test
	void adminServesTheConsole() {
		HttpResponse<String> redirect = this.http.get("/admin");
		HttpResponse<String> page = this.http.get("/admin/");

		assertThat(redirect.statusCode()).isEqualTo(302);
		assertThat(redirect.headers().firstValue("Location"))
			.hasValueSatisfying((to) -> assertThat(to).endsWith("/admin/"));
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<div id=\"root\"");
	}

	@Test
	void unknownPathAnswersProblemWithStableCode() {
		HttpResponse<String> response = this.http.get("/api/v1/platform/no-such-thing");

		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		JsonNode problem = HttpTester.json(response);
		assertThat(problem.path("code").asString()).isEqualTo("NOT_FOUND");
		assertThat(problem.path("type").asString()).isEqualTo("urn:voucher:problem:not-found");
		assertThat(problem.path("status").asInt()).isEqualTo(404);
	}

	@Test
	void wrongMethodAnswersProblemWithStableCode() {
		HttpResponse<String> response = this.http.post("/api/v1/platform", "application/json", "{}");

		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(HttpTester.json(response).path("code").asString()).isEqualTo("METHOD_NOT_ALLOWED");
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.voucher");
	}

}
