package io.voucher.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prepares a platform for the benchmark through its REST API, as an operator would: signs
 * in as admin, trusts the simulated manufacturer's root, creates a provider and its API
 * credential, and, as that provider, a policy and a content with three keys.
 */
final class PlatformSetup {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final URI url;

	private final String adminAuthorization;

	PlatformSetup(URI url, String adminUser, String adminPassword) {
		this.url = url;
		this.adminAuthorization = "Basic " + Base64.getEncoder()
			.encodeToString((adminUser + ":" + adminPassword).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Sets the platform up.
	 * @param manufacturerRootPem the root of the simulated devices
	 * @return the provider's API credential
	 */
	String run(String manufacturerRootPem) throws IOException, InterruptedException {
		String suffix = Long.toString(System.currentTimeMillis(), 36);
		post(this.adminAuthorization, "/api/v1/admin/trust-roots",
				Map.of("certificate_pem", manufacturerRootPem, "label", "Load benchmark devices " + suffix), 201, 409);
		post(this.adminAuthorization, "/api/v1/admin/providers",
				Map.of("name", LoadBenchmark.PROVIDER, "display_name", "Load benchmark"), 201, 409);
		JsonNode credential = post(this.adminAuthorization,
				"/api/v1/admin/providers/" + LoadBenchmark.PROVIDER + "/credentials",
				Map.of("label", "load benchmark " + suffix), 201);
		String provider = "Bearer " + credential.path("token").asString();
		post(provider, "/api/v1/policies", Map.of("name", LoadBenchmark.POLICY, "can_play", true,
				"rental_duration_seconds", LoadBenchmark.RENTAL_SECONDS), 201, 409);
		post(provider, "/api/v1/contents",
				Map.of("content_id", LoadBenchmark.CONTENT_ID, "keys",
						List.of(Map.of("track_type", "AUDIO"), Map.of("track_type", "SD"), Map.of("track_type", "HD"))),
				201, 409);
		return credential.path("token").asString();
	}

	private JsonNode post(String authorization, String path, Object body, int... accepted)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(this.url.resolve(path))
			.timeout(Duration.ofSeconds(30))
			.header("Authorization", authorization)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(body)))
			.build();
		HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
		for (int status : accepted) {
			if (response.statusCode() == status) {
				return response.body().isBlank() ? this.json.createObjectNode() : this.json.readTree(response.body());
			}
		}
		throw new IllegalStateException("Setting up the platform failed: POST " + path + " answered "
				+ response.statusCode() + " " + response.body().substring(0, Math.min(500, response.body().length())));
	}

}
