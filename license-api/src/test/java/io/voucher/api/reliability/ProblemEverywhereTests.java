package io.voucher.api.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.voucher.api.testing.HttpTester;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error is a problem document with a {@code code}, including those raised before
 * Spring MVC: Tomcat's refusals of bad URLs and oversized headers, the Spring Security
 * firewall's, and the container's {@code /error} page. The requests are written on a
 * plain socket, since HTTP clients refuse to send some of them. And concurrent updates of
 * one resource are conflicts, never server errors.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "voucher.admin.initial-username=root",
				"voucher.admin.initial-password=" + ProblemEverywhereTests.PASSWORD })
@PostgresTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProblemEverywhereTests {

	static final String PASSWORD = "problem everywhere password";

	@LocalServerPort
	int port;

	HttpTester http;

	String token;

	@BeforeAll
	void provider() {
		this.http = new HttpTester(this.port);
		assertThat(this.http.request("POST", "/api/v1/admin/providers")
			.basic("root", PASSWORD)
			.json("{\"name\": \"everywhere\", \"display_name\": \"Everywhere\"}")
			.send()
			.statusCode()).isEqualTo(201);
		this.token = HttpTester
			.json(this.http.request("POST", "/api/v1/admin/providers/everywhere/credentials")
				.basic("root", PASSWORD)
				.json("{\"label\": \"backend\"}")
				.send())
			.path("token")
			.asString();
	}

	@ParameterizedTest(name = "{0} {1} -> {2} {3}")
	@CsvSource(delimiter = '|', textBlock = """
			GET  | /api/v1/policies/a%2Fb        | 400 | REQUEST_REJECTED
			GET  | /api/v1/policies/a%00b        | 400 | REQUEST_REJECTED
			GET  | /api/v1/policies/a%5Cb        | 400 | REQUEST_REJECTED
			GET  | /device/v1/trust%2F..%2Fx     | 400 | REQUEST_REJECTED
			GET  | /api/v1/policies;jsessionid=x  | 400 | REQUEST_REJECTED
			GET  | /api/v1/policies/a;b          | 400 | REQUEST_REJECTED
			GET  | //api/v1/policies             | 400 | REQUEST_REJECTED
			GET  | /api/v1//policies             | 400 | REQUEST_REJECTED
			GET  | /api/v1/%2e%2e/v1/policies    | 400 | REQUEST_REJECTED
			GET  | /api/v1/policies/a%25b        | 400 | REQUEST_REJECTED
			GET  | /error                        | 404 | NOT_FOUND
			POST | /error                        | 404 | NOT_FOUND
			GET  | /no/such/path                 | 404 | NOT_FOUND
			""")
	void badUrlGetsProblem(String method, String path, int status, String code) throws IOException {
		RawResponse response = raw(method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
				+ this.token + "\r\nConnection: close\r\n\r\n");

		assertProblem(response, status, code);
	}

	@Test
	void oversizedHeaderGetsProblem() throws IOException {
		RawResponse response = raw("GET /api/v1/policies HTTP/1.1\r\nHost: localhost\r\nX-Padding: "
				+ "x".repeat(64 * 1024) + "\r\nConnection: close\r\n\r\n");

		assertProblem(response, 400, "REQUEST_REJECTED");
	}

	@Test
	void malformedRequestLineGetsProblem() throws IOException {
		RawResponse response = raw("GET /api/v1/poli cies HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

		assertProblem(response, 400, "REQUEST_REJECTED");
	}

	@Test
	void controlCharacterInQueryParameterGetsProblem() throws IOException {
		RawResponse response = raw("GET /api/v1/registrations?q=a%01b HTTP/1.1\r\nHost: localhost\r\n"
				+ "Authorization: Bearer " + this.token + "\r\nConnection: close\r\n\r\n");

		assertProblem(response, 400, "REQUEST_REJECTED");
	}

	@Test
	void concurrentReplacementsOfOnePolicyAreConflictsNeverServerErrors() throws Exception {
		HttpResponse<String> created = this.http.request("POST", "/api/v1/policies")
			.bearer(this.token)
			.json("{\"name\": \"contested\"}")
			.send();
		assertThat(created.statusCode()).isEqualTo(201);
		long initialRevision = HttpTester.json(created).path("revision").asLong();
		int writers = 20;
		List<Callable<HttpResponse<String>>> puts = new ArrayList<>();
		for (int i = 0; i < writers; i++) {
			long duration = 3600 + i;
			puts.add(() -> this.http.request("PUT", "/api/v1/policies/contested")
				.bearer(this.token)
				.json("{\"can_play\": true, \"license_duration_seconds\": " + duration + "}")
				.send());
		}
		List<HttpResponse<String>> responses = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		try {
			for (Future<HttpResponse<String>> put : pool.invokeAll(puts)) {
				responses.add(put.get());
			}
		}
		finally {
			pool.shutdownNow();
		}

		int applied = 0;
		for (HttpResponse<String> response : responses) {
			if (response.statusCode() == 200) {
				applied++;
				continue;
			}
			assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
			assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
			assertThat(HttpTester.json(response).path("code").asString()).isEqualTo("CONCURRENT_UPDATE");
		}
		assertThat(applied).isPositive();
		JsonNode policy = HttpTester
			.json(this.http.request("GET", "/api/v1/policies/contested").bearer(this.token).send());
		// Every update that was answered 200 is one revision; no refused one is.
		assertThat(policy.path("revision").asLong()).isEqualTo(initialRevision + applied);
	}

	private static void assertProblem(RawResponse response, int status, String code) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/problem+json");
		JsonNode body = JsonMapper.shared().readTree(response.body());
		assertThat(body.path("code").asString()).as(response.toString()).isEqualTo(code);
		assertThat(body.path("status").asInt()).isEqualTo(status);
		assertThat(body.path("type").asString()).startsWith("urn:voucher:problem:");
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("<html");
	}

	private RawResponse raw(String request) throws IOException {
		try (Socket socket = new Socket("localhost", this.port)) {
			socket.setSoTimeout(30_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			InputStream in = socket.getInputStream();
			return RawResponse.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
	}

	record RawResponse(int status, List<String> headers, String body) {

		static RawResponse parse(String text) {
			int end = text.indexOf("\r\n\r\n");
			String[] head = text.substring(0, (end < 0) ? text.length() : end).split("\r\n");
			int status = Integer.parseInt(head[0].split(" ")[1]);
			List<String> headers = List.of(head).subList(1, head.length);
			String body = (end < 0) ? "" : text.substring(end + 4);
			if (headers.stream().anyMatch((header) -> header.equalsIgnoreCase("Transfer-Encoding: chunked"))) {
				body = dechunk(body);
			}
			return new RawResponse(status, headers, body);
		}

		String header(String name) {
			return this.headers.stream()
				.filter((header) -> header.regionMatches(true, 0, name + ":", 0, name.length() + 1))
				.map((header) -> header.substring(name.length() + 1).trim())
				.findFirst()
				.orElse("");
		}

		private static String dechunk(String chunked) {
			StringBuilder body = new StringBuilder();
			int at = 0;
			while (at < chunked.length()) {
				int lineEnd = chunked.indexOf("\r\n", at);
				int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
				if (size == 0) {
					break;
				}
				body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
				at = lineEnd + 2 + size + 2;
			}
			return body.toString();
		}

	}

}
