package io.voucher.api.dashboard;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
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
import io.voucher.domain.provider.ProviderService;
import io.voucher.domain.testing.PostgresTest;
import io.voucher.registry.revocation.DeviceRevocations;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's dashboard reads what the platform did: issued and refused licenses by
 * status, registrations and pre-generated licenses, per provider; and the revocations
 * with their reasons.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "voucher.jobs.polling-interval=200ms", "voucher.admin.initial-username=root",
				"voucher.admin.initial-password=" + DashboardTests.PASSWORD })
@PostgresTest
class DashboardTests {

	static final String PASSWORD = "dashboard admin password";

	static final Duration WAIT = Duration.ofSeconds(30);

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
	DeviceRevocations revocations;

	HttpTester http;

	String provider;

	String token;

	@BeforeEach
	void providerContentAndPolicy() {
		this.http = new HttpTester(this.port);
		this.provider = "dash-" + UUID.randomUUID().toString().substring(0, 8);
		UUID providerId = this.providers.create(this.provider, "Dashboard").id();
		this.token = this.providers.createCredential(this.provider, "backend").token();
		this.contents.create(providerId, new ContentId("movie"), "Movie", List.of(KeyRequest.generate(TrackType.SD)));
		this.policies.create(providerId, new PolicyName("rental"),
				PlaybackPolicy.builder().canPlay(true).licenseDurationSeconds(86_400).build(), Map.of());
	}

	@Test
	void issuedAndRefusedLicensesRegistrationsAndPregenerationAreCountedPerProvider() {
		TestDevice device = manufacturer.newDevice().build();
		TestDevice revoked = manufacturer.newDevice().build();
		this.revocations.revoke(revoked.fingerprint().value(), "cloned", "test");
		assertThat(license(device)).isEqualTo("OK");
		assertThat(license(device)).isEqualTo("OK");
		assertThat(license(revoked)).isEqualTo("DRM_DEVICE_CERTIFICATE_REVOKED");
		GeneratedId id = GeneratedId.random();
		HttpResponse<String> registered = this.http.request("POST", "/device/v1/registrations")
			.json("{\"registration\": \"" + device.register(id, this.provider) + "\"}")
			.send();
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		HttpResponse<String> granted = this.http.request("POST", "/api/v1/entitlements")
			.bearer(this.token)
			.json("{\"generated_id\": \"" + id + "\", \"content_id\": \"movie\", \"policy_name\": \"rental\"}")
			.send();
		assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);

		JsonNode dashboard = awaitDashboard("?hours=2&provider=" + this.provider,
				(d) -> sum(d.path("pregeneration").path("generated")) == 1);
		JsonNode everyProvider = dashboard("?hours=720");

		assertThat(dashboard.path("bucket_seconds").asLong()).isEqualTo(300);
		assertThat(Instant.parse(dashboard.path("from").asString()).getEpochSecond() % 300).isZero();
		JsonNode totals = dashboard.path("totals");
		assertThat(totals.path("providers").asLong()).isEqualTo(1);
		assertThat(totals.path("licenses_issued").asLong()).isEqualTo(2);
		assertThat(totals.path("licenses_refused").asLong()).isEqualTo(1);
		assertThat(totals.path("active_registrations").asLong()).isEqualTo(1);
		assertThat(totals.path("devices").asLong()).isEqualTo(1);
		assertThat(totals.path("revoked_devices").asLong()).isZero();
		assertThat(statusCount(dashboard, "OK")).isEqualTo(2);
		assertThat(statusCount(dashboard, "DRM_DEVICE_CERTIFICATE_REVOKED")).isEqualTo(1);
		assertThat(sum(dashboard.path("registrations"))).isEqualTo(1);
		assertThat(dashboard.path("pregeneration").path("backlog").asLong()).isZero();
		assertThat(everyProvider.path("bucket_seconds").asLong()).isEqualTo(86_400);
		assertThat(everyProvider.path("totals").path("providers").asLong()).isGreaterThanOrEqualTo(1);
		assertThat(everyProvider.path("totals").path("revoked_devices").asLong()).isGreaterThanOrEqualTo(1);
		assertThat(everyProvider.path("totals").path("licenses_issued").asLong()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void revocationsAreListedNewestFirstWithReasonAndRevoker() {
		TestDevice first = manufacturer.newDevice().build();
		TestDevice second = manufacturer.newDevice().build();
		this.revocations.revoke(first.fingerprint().value(), "cloned keys", "root");
		HttpResponse<String> revoked = this.http.request("POST", "/api/v1/admin/device-revocations")
			.basic("root", PASSWORD)
			.json("{\"fingerprint\": \"" + second.fingerprint().value() + "\", \"reason\": \"reported stolen\"}")
			.send();
		assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);

		JsonNode newest = admin("/api/v1/admin/device-revocations?size=200").path("items");
		JsonNode byPrefix = admin(
				"/api/v1/admin/device-revocations?fingerprint=" + first.fingerprint().value().substring(0, 12))
			.path("items");

		java.util.List<String> fingerprints = newest.findValuesAsString("fingerprint");
		assertThat(fingerprints).contains(first.fingerprint().value(), second.fingerprint().value());
		assertThat(fingerprints.indexOf(second.fingerprint().value()))
			.isLessThan(fingerprints.indexOf(first.fingerprint().value()));
		JsonNode stolen = newest.get(fingerprints.indexOf(second.fingerprint().value()));
		assertThat(stolen.path("reason").asString()).isEqualTo("reported stolen");
		assertThat(stolen.path("revoked_by").asString()).isEqualTo("root");
		assertThat(byPrefix.findValuesAsString("fingerprint")).containsExactly(first.fingerprint().value());
		assertThat(byPrefix.get(0).path("reason").asString()).isEqualTo("cloned keys");
	}

	@Test
	void providerBackendsCannotReadTheDashboard() {
		HttpResponse<String> response = this.http.request("GET", "/api/v1/admin/dashboard").bearer(this.token).send();

		assertThat(response.statusCode()).isEqualTo(403);
	}

	private String license(TestDevice device) {
		String challenge = device.challenge().contentId("movie").issuedAt(Instant.now()).build();
		HttpResponse<String> response = this.http.request("POST", "/api/v1/licenses")
			.bearer(this.token)
			.json("{\"payload\": \"" + challenge + "\", \"provider\": \"" + this.provider
					+ "\", \"policy_name\": \"rental\"}")
			.send();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return HttpTester.json(response).path("status").asString();
	}

	private JsonNode dashboard(String query) {
		return admin("/api/v1/admin/dashboard" + query);
	}

	private JsonNode admin(String path) {
		HttpResponse<String> response = this.http.request("GET", path)
			.header("Authorization",
					"Basic " + Base64.getEncoder()
						.encodeToString(("root:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
			.send();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return HttpTester.json(response);
	}

	private JsonNode awaitDashboard(String query, java.util.function.Predicate<JsonNode> done) {
		Instant deadline = Instant.now().plus(WAIT);
		while (true) {
			JsonNode dashboard = dashboard(query);
			if (done.test(dashboard)) {
				return dashboard;
			}
			assertThat(Instant.now()).as("dashboard %s", dashboard).isBefore(deadline);
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	private static long statusCount(JsonNode dashboard, String status) {
		long count = 0;
		for (JsonNode bucket : dashboard.path("license_requests")) {
			if (bucket.path("status").asString().equals(status)) {
				count += bucket.path("count").asLong();
			}
		}
		return count;
	}

	private static long sum(JsonNode series) {
		long sum = 0;
		for (JsonNode bucket : series) {
			sum += bucket.path("count").asLong();
		}
		return sum;
	}

}
