package io.voucher.api.client;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.Supplier;

import io.voucher.api.testing.HttpTester;
import io.voucher.client.DeviceVoucher;
import io.voucher.client.DrmError;
import io.voucher.client.DrmException;
import io.voucher.client.LicenseProxy;
import io.voucher.client.LoadedVouchers;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider's backend in the device SDK's end-to-end tests: the provider API calls a
 * real backend makes (content, policies, entitlements, groups, transfer, revocation), and
 * the license proxy devices reach the platform's license endpoint through.
 */
final class ProviderBackend implements LicenseProxy {

	static final Duration WAIT = Duration.ofSeconds(60);

	private final HttpTester http;

	private final String provider;

	private final String token;

	ProviderBackend(HttpTester http, String provider, String token) {
		this.http = http;
		this.provider = provider;
		this.token = token;
	}

	String provider() {
		return this.provider;
	}

	JsonNode post(String path, String json) {
		HttpResponse<String> response = this.http.request("POST", path).bearer(this.token).json(json).send();
		assertThat(response.statusCode()).as("%s: %s", path, response.body()).isBetween(200, 201);
		return HttpTester.json(response);
	}

	void policy(String name) {
		post("/api/v1/policies", "{\"name\": \"" + name
				+ "\", \"can_play\": true, \"can_persist\": true, \"license_duration_seconds\": 86400}");
	}

	void entitle(String generatedId, String contentId, String policy) {
		post("/api/v1/entitlements", "{\"generated_id\": \"" + generatedId + "\", \"content_id\": \"" + contentId
				+ "\", \"policy_name\": \"" + policy + "\"}");
	}

	void entitleGroup(String groupId, String contentId, String policy) {
		post("/api/v1/entitlements", "{\"group_id\": \"" + groupId + "\", \"content_id\": \"" + contentId
				+ "\", \"policy_name\": \"" + policy + "\"}");
	}

	String createGroup(int maxMembers) {
		return post("/api/v1/device-groups", "{\"name\": \"Family\", \"max_members\": " + maxMembers + "}")
			.path("group_id")
			.asString();
	}

	String joinToken(String groupId) {
		return post("/api/v1/device-groups/" + groupId + "/join-tokens", "{}").path("token").asString();
	}

	/**
	 * The proxy: the device's challenge goes into the license message, with this
	 * provider's credential and policy.
	 */
	@Override
	public byte[] requestLicense(String challenge) {
		HttpResponse<String> response = this.http.request("POST", "/api/v1/licenses")
			.bearer(this.token)
			.json("{\"payload\": \"" + challenge + "\", \"provider\": \"" + this.provider
					+ "\", \"policy_name\": \"sdk\"}")
			.send();
		JsonNode answer = HttpTester.json(response);
		if (response.statusCode() != 200 || !"OK".equals(answer.path("status").asString())) {
			throw new DrmException(DrmError.LICENSE_REQUEST_DENIED,
					"The license server refused: " + answer.path("status_message").asString(),
					answer.path("status").asString(), null);
		}
		return answer.path("license").asString().getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * Waits for pre-generation (a background job): loads until the device has stored at
	 * least one voucher.
	 */
	static List<DeviceVoucher> await(Supplier<LoadedVouchers> load) {
		return awaitLoaded(load, (loaded) -> !loaded.stored().isEmpty()).stored();
	}

	/**
	 * Waits for pre-generation: loads until what the device loaded is as expected.
	 */
	static LoadedVouchers awaitLoaded(Supplier<LoadedVouchers> load, Predicate<LoadedVouchers> expected) {
		Instant deadline = Instant.now().plus(WAIT);
		while (true) {
			LoadedVouchers loaded = load.get();
			if (expected.test(loaded)) {
				return loaded;
			}
			assertThat(Instant.now()).as("licenses pre-generated within %s", WAIT).isBefore(deadline);
			pause();
		}
	}

	/**
	 * Waits until the bundle of a generated ID, as served, holds the expected licenses.
	 * @return the bundle's license ids by content id
	 */
	static Map<String, String> awaitBundle(ProviderBackend backend, String generatedId,
			Predicate<Map<String, String>> expected) {
		Instant deadline = Instant.now().plus(WAIT);
		while (true) {
			HttpResponse<String> response = backend.http
				.request("GET", "/device/v1/registrations/" + generatedId + "/licenses")
				.send();
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			Map<String, String> licenses = new TreeMap<>();
			HttpTester.json(response)
				.path("licenses")
				.forEach((license) -> licenses.put(license.path("content_id").asString(),
						license.path("license_id").asString()));
			if (expected.test(licenses)) {
				return licenses;
			}
			assertThat(Instant.now()).as("bundle as expected within %s, now %s", WAIT, licenses).isBefore(deadline);
			pause();
		}
	}

	private static void pause() {
		try {
			Thread.sleep(150);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
