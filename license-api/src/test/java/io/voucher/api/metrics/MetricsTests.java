package io.voucher.api.metrics;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Predicate;

import io.voucher.api.packaging.GrafanaDashboard;
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
 * What {@code /actuator/prometheus} shows after real traffic, on real PostgreSQL and the
 * real job scheduler: license answers counted and timed by provider, request type and
 * status; registrations by outcome; pre-generation; bundle downloads and 304s; crypto
 * timers; the connection pool; and every metric the Grafana dashboard queries.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "voucher.jobs.polling-interval=200ms")
@PostgresTest
class MetricsTests {

	static final TestPki manufacturer = TestPki.create();

	static final Duration WAIT = Duration.ofSeconds(60);

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

	HttpTester http;

	String provider;

	String token;

	TestDevice device;

	@BeforeEach
	void providerContentPolicyAndDevice() {
		this.http = new HttpTester(this.port);
		this.provider = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
		UUID providerId = this.providers.create(this.provider, "Metrics").id();
		this.token = this.providers.createCredential(this.provider, "backend").token();
		this.contents.create(providerId, new ContentId("movie"), "Movie",
				List.of(KeyRequest.generate(TrackType.AUDIO), KeyRequest.generate(TrackType.SD)));
		this.policies.create(providerId, new PolicyName("rental"),
				PlaybackPolicy.builder().canPlay(true).licenseDurationSeconds(86_400).build(), Map.of());
		this.device = manufacturer.newDevice().make("Acme").model("Box-1").build();
	}

	@Test
	void licenseAnswersAreCountedAndTimedByProviderRequestTypeAndStatus() {
		Scrape before = scrape();

		assertThat(license(challenge(this.device), null)).isEqualTo("OK");
		assertThat(license(challenge(this.device), "nope")).isEqualTo("POLICY_UNKNOWN");
		assertThat(license(tamper(challenge(this.device)), null)).isEqualTo("SIGNATURE_FAILED");
		Scrape after = scrape();

		String count = "voucher_license_requests_seconds_count";
		assertThat(after.sum(count, "provider", this.provider, "request_type", "NEW", "status", "OK")).isEqualTo(1);
		assertThat(after.sum(count, "provider", this.provider, "request_type", "NEW", "status", "POLICY_UNKNOWN"))
			.isEqualTo(1);
		assertThat(after.sum(count, "provider", this.provider, "request_type", "UNKNOWN", "status", "SIGNATURE_FAILED"))
			.isEqualTo(1);
		assertThat(after.sum("voucher_license_requests_seconds_sum", "provider", this.provider, "status", "OK"))
			.isPositive();
		assertThat(after.samples("voucher_license_requests_seconds_max", "provider", this.provider, "status", "OK"))
			.hasSize(1);
		// The percentile histogram: cumulative buckets up to +Inf holding the one answer.
		List<Scrape.Sample> buckets = after.samples("voucher_license_requests_seconds_bucket", "provider",
				this.provider, "status", "OK");
		assertThat(buckets).hasSizeGreaterThan(10);
		assertThat(after.sum("voucher_license_requests_seconds_bucket", "provider", this.provider, "status", "OK", "le",
				"+Inf"))
			.isEqualTo(1);
		assertThat(after.samples(count, "provider", this.provider))
			.allSatisfy((sample) -> assertThat(sample.labels().keySet()).containsExactlyInAnyOrder("application",
					"provider", "request_type", "status"));
		// Crypto: three challenges verified (one refused), one license wrapped and
		// signed.
		assertThat(delta(before, after, "voucher_crypto_operations_seconds_count", "operation", "verify_challenge",
				"outcome", "success"))
			.isGreaterThanOrEqualTo(2);
		assertThat(delta(before, after, "voucher_crypto_operations_seconds_count", "operation", "verify_challenge",
				"outcome", "failure"))
			.isGreaterThanOrEqualTo(1);
		assertThat(delta(before, after, "voucher_crypto_operations_seconds_count", "operation", "issue_license",
				"outcome", "success"))
			.isGreaterThanOrEqualTo(1);
		assertThat(after.samples("voucher_crypto_operations_seconds_bucket", "operation", "issue_license", "outcome",
				"success"))
			.isNotEmpty();
	}

	@Test
	void registrationsPregenerationAndBundleDownloadsAndRevalidationsAreCounted() {
		GeneratedId id = GeneratedId.random();
		grant(id);
		Scrape before = scrape();

		HttpResponse<String> created = register(this.device, id);
		HttpResponse<String> again = register(this.device, id);
		HttpResponse<String> conflict = register(manufacturer.newDevice().build(), id);
		Scrape pregenerated = awaitScrape((scrape) -> delta(before, scrape, "voucher_pregeneration_licenses_total",
				"target", "registration") >= 1
				&& delta(before, scrape, "voucher_pregeneration_runs_seconds_count", "outcome", "finished") >= 1);
		HttpResponse<String> bundle = this.http.get(bundlePath(id));
		String etag = bundle.headers().firstValue("ETag").orElseThrow();
		HttpResponse<String> unchanged = this.http.request("GET", bundlePath(id)).header("If-None-Match", etag).send();
		Scrape after = scrape();

		assertThat(List.of(created.statusCode(), again.statusCode(), conflict.statusCode())).containsExactly(201, 200,
				409);
		assertThat(after.sum("voucher_registrations_total", "provider", this.provider, "outcome", "created"))
			.isEqualTo(1);
		assertThat(after.sum("voucher_registrations_total", "provider", this.provider, "outcome", "existing"))
			.isEqualTo(1);
		assertThat(after.sum("voucher_registrations_total", "provider", this.provider, "outcome", "conflict"))
			.isEqualTo(1);
		assertThat(delta(before, after, "voucher_crypto_operations_seconds_count", "operation", "verify_registration",
				"outcome", "success"))
			.isGreaterThanOrEqualTo(3);
		// Pre-generation: licenses signed (and timed as crypto), the registration synced.
		assertThat(delta(before, pregenerated, "voucher_pregeneration_synced_total", "target", "registration"))
			.isGreaterThanOrEqualTo(1);
		assertThat(delta(before, pregenerated, "voucher_crypto_operations_seconds_count", "operation",
				"issue_pregenerated_license", "outcome", "success"))
			.isGreaterThanOrEqualTo(1);
		assertThat(after.samples("voucher_pregeneration_runs_seconds_count", "outcome", "failed")).hasSize(1);
		assertThat(after.samples("voucher_pregeneration_jobs", "status", "queued")).singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isNotNaN().isGreaterThanOrEqualTo(0));
		assertThat(after.samples("voucher_pregeneration_jobs", "status", "running")).hasSize(1);
		assertThat(after.samples("voucher_pregeneration_registrations_waiting")).singleElement()
			.satisfies((sample) -> assertThat(sample.value()).isNotNaN());
		// One full download, then one 304 for the same entity tag.
		assertThat(bundle.statusCode()).isEqualTo(200);
		assertThat(unchanged.statusCode()).isEqualTo(304);
		assertThat(delta(pregenerated, after, "voucher_bundle_downloads_total", "bundle", "device", "result", "full"))
			.isEqualTo(1);
		assertThat(delta(pregenerated, after, "voucher_bundle_downloads_total", "bundle", "device", "result",
				"not_modified"))
			.isEqualTo(1);
		assertThat(after.samples("voucher_bundle_downloads_total", "bundle", "group")).hasSize(2);
		// No device, generated ID or content id ever becomes a tag value.
		String fingerprint = HttpTester.json(created).path("fingerprint").asString();
		assertThat(voucherLines(after)).isNotEmpty()
			.noneMatch((line) -> line.contains(id.value()) || line.contains(fingerprint) || line.contains("movie"));
	}

	@Test
	void connectionPoolJvmAndCpuMetricsAreExported() {
		Scrape scrape = scrape();

		assertThat(scrape.names()).contains("hikaricp_connections_active", "hikaricp_connections_idle",
				"hikaricp_connections_pending", "hikaricp_connections_max",
				"hikaricp_connections_acquire_seconds_count", "hikaricp_connections_usage_seconds_count",
				"hikaricp_connections_timeout_total", "jvm_memory_used_bytes", "process_cpu_usage", "system_cpu_usage");
		assertThat(scrape.sum("hikaricp_connections_max")).isPositive();
	}

	@Test
	void everyMetricTheDashboardQueriesIsExported() {
		license(challenge(this.device), null);
		register(this.device, GeneratedId.random());
		Scrape scrape = scrape();

		Set<String> missing = new TreeSet<>();
		for (String expression : GrafanaDashboard.expressions(GrafanaDashboard.read())) {
			for (String name : GrafanaDashboard.metricNames(expression)) {
				if (!scrape.names().contains(name)) {
					missing.add(name + " in " + expression);
				}
			}
		}

		assertThat(missing).isEmpty();
	}

	private String license(String challenge, String policyName) {
		String policy = (policyName != null) ? ", \"policy_name\": \"" + policyName + "\"" : "";
		HttpResponse<String> response = this.http.request("POST", "/api/v1/licenses")
			.bearer(this.token)
			.json("{\"payload\": \"%s\", \"provider\": \"%s\"%s}".formatted(challenge, this.provider, policy))
			.send();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return HttpTester.json(response).path("status").asString();
	}

	private void grant(GeneratedId id) {
		HttpResponse<String> response = this.http.request("POST", "/api/v1/entitlements")
			.bearer(this.token)
			.json("{\"generated_id\": \"" + id + "\", \"content_id\": \"movie\", \"policy_name\": \"rental\"}")
			.send();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

	private HttpResponse<String> register(TestDevice device, GeneratedId id) {
		return this.http.request("POST", "/device/v1/registrations")
			.json("{\"registration\": \"" + device.register(id, this.provider) + "\"}")
			.send();
	}

	private Scrape scrape() {
		HttpResponse<String> response = this.http.scrape();
		assertThat(response.statusCode()).isEqualTo(200);
		return new Scrape(response.body());
	}

	private Scrape awaitScrape(Predicate<Scrape> done) {
		Instant deadline = Instant.now().plus(WAIT);
		while (true) {
			Scrape scrape = scrape();
			if (done.test(scrape)) {
				return scrape;
			}
			assertThat(Instant.now()).as("metrics never showed the expected work").isBefore(deadline);
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	private static double delta(Scrape before, Scrape after, String name, String... labels) {
		return after.sum(name, labels) - before.sum(name, labels);
	}

	private static List<String> voucherLines(Scrape scrape) {
		return scrape.text().lines().filter((line) -> line.startsWith("voucher_")).toList();
	}

	private static String challenge(TestDevice device) {
		return device.challenge().contentId("movie").issuedAt(Instant.now()).build();
	}

	private static String tamper(String jws) {
		String[] parts = jws.split("\\.");
		char last = parts[2].charAt(parts[2].length() - 2);
		char replacement = (last == 'A') ? 'B' : 'A';
		return parts[0] + "." + parts[1] + "." + parts[2].substring(0, parts[2].length() - 2) + replacement
				+ parts[2].charAt(parts[2].length() - 1);
	}

	private static String bundlePath(GeneratedId id) {
		return "/device/v1/registrations/" + id + "/licenses";
	}

}
