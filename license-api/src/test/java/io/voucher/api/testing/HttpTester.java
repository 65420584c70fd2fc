package io.voucher.api.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client for tests against a running application on a real port.
 */
public final class HttpTester {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient client = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(5))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	private final String baseUrl;

	public HttpTester(int port) {
		this.baseUrl = "http://localhost:" + port;
	}

	/**
	 * The metrics scrape token of the tests' configuration
	 * ({@code voucher.metrics.token}).
	 */
	public static final String METRICS_TOKEN = "test-metrics-scrape-token";

	public HttpResponse<String> get(String path) {
		return request("GET", path).send();
	}

	/**
	 * Reads {@code /actuator/prometheus} with the metrics scrape token.
	 * @return the answer
	 */
	public HttpResponse<String> scrape() {
		return request("GET", "/actuator/prometheus").bearer(METRICS_TOKEN).send();
	}

	public HttpResponse<String> post(String path, String contentType, String body) {
		return request("POST", path).body(contentType, body).send();
	}

	/**
	 * Starts a request.
	 * @param method the HTTP method
	 * @param path the path and query
	 * @return a request to complete and send
	 */
	public Request request(String method, String path) {
		return new Request(method, path);
	}

	public static JsonNode json(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	/**
	 * A request being built.
	 */
	public final class Request {

		private final String method;

		private final HttpRequest.Builder builder;

		private HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.noBody();

		Request(String method, String path) {
			this.method = method;
			this.builder = HttpRequest.newBuilder(URI.create(HttpTester.this.baseUrl + path))
				.timeout(Duration.ofSeconds(30));
		}

		public Request bearer(String token) {
			return header("Authorization", "Bearer " + token);
		}

		public Request basic(String username, String password) {
			return header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
		}

		public Request header(String name, String value) {
			this.builder.header(name, value);
			return this;
		}

		/**
		 * Waits longer than the default 30 s for the answer.
		 * @param timeout how long to wait
		 * @return this request
		 */
		public Request timeout(Duration timeout) {
			this.builder.timeout(timeout);
			return this;
		}

		public Request json(String body) {
			return body("application/json", body);
		}

		public Request body(String contentType, String body) {
			this.builder.header("Content-Type", contentType);
			this.body = HttpRequest.BodyPublishers.ofString(body);
			return this;
		}

		public HttpResponse<String> send() {
			try {
				return HttpTester.this.client.send(this.builder.method(this.method, this.body).build(),
						HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}

	}

}
