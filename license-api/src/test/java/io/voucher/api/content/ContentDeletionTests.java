package io.voucher.api.content;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import javax.sql.DataSource;

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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deleting content withdraws what depends on it: entitlements of generated IDs and of
 * device groups, pre-generated licenses, keys; license requests then get the answer for
 * unknown content; the deletion is audited and another provider cannot make it.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "voucher.jobs.polling-interval=200ms")
@PostgresTest
class ContentDeletionTests {

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

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	HttpTester http;

	String provider;

	UUID providerId;

	String token;

	TestDevice device;

	@BeforeEach
	void providerContentPolicyAndDevice() {
		this.http = new HttpTester(this.port);
		this.provider = "deletion-" + UUID.randomUUID().toString().substring(0, 8);
		this.providerId = this.providers.create(this.provider, "Deletion").id();
		this.token = this.providers.createCredential(this.provider, "backend").token();
		this.contents.create(this.providerId, new ContentId("movie"), "Movie",
				List.of(KeyRequest.generate(TrackType.SD), KeyRequest.generate(TrackType.HD)));
		this.contents.create(this.providerId, new ContentId("series"), "Series",
				List.of(KeyRequest.generate(TrackType.SD)));
		this.policies.create(this.providerId, new PolicyName("rental"),
				PlaybackPolicy.builder().canPlay(true).canPersist(true).licenseDurationSeconds(86_400).build(),
				Map.of());
		this.device = manufacturer.newDevice().make("Acme").model("Box-1").build();
	}

	@Test
	void deleteWithdrawsEntitlementsLicensesAndKeysAndKeepsTheRest() {
		GeneratedId id = GeneratedId.random();
		String movieGrant = HttpTester.json(grant("generated_id", id.value(), "movie")).path("id").asString();
		grant("generated_id", id.value(), "series");
		String group = createGroup();
		String groupGrant = HttpTester.json(grant("group_id", group, "movie")).path("id").asString();
		assertThat(register(id).statusCode()).isEqualTo(201);
		awaitBundle(id, (licenses) -> licenses.size() == 2);
		rotate("movie");

		HttpResponse<String> deleted = delete("/api/v1/contents/movie");

		assertThat(deleted.statusCode()).as(deleted.body()).isEqualTo(200);
		JsonNode summary = HttpTester.json(deleted);
		assertThat(summary.path("content_id").asString()).isEqualTo("movie");
		assertThat(summary.path("dry_run").asBoolean()).isFalse();
		assertThat(summary.path("entitlements_withdrawn").asInt()).isEqualTo(2);
		assertThat(summary.path("device_entitlements").asInt()).isEqualTo(1);
		assertThat(summary.path("group_entitlements").asInt()).isEqualTo(1);
		assertThat(summary.path("keys_deleted").asInt()).as("two active keys and one retired").isEqualTo(3);
		assertThat(entitlement(movieGrant).path("withdrawn_at").asString()).isNotBlank();
		assertThat(entitlement(groupGrant).path("withdrawn_at").asString()).isNotBlank();
		// The bundle loses the content's license at once, and the job that follows the
		// change does not bring it back.
		JsonNode bundle = awaitBundle(id, (licenses) -> licenses.size() == 1);
		assertThat(bundle.path("licenses").get(0).path("content_id").asString()).isEqualTo("series");
		awaitNoQueuedJobs();
		assertThat(bundle(id).path("licenses").findValuesAsString("content_id")).containsExactly("series");
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM content_key k JOIN content c ON c.id = k.content_row_id WHERE c.provider_id = ?",
				Long.class, this.providerId))
			.as("only the series' key is left")
			.isEqualTo(1);
		assertThat(this.http.request("GET", "/api/v1/contents/movie").bearer(this.token).send().statusCode())
			.isEqualTo(404);
		assertThat(this.http.request("GET", "/api/v1/contents/series").bearer(this.token).send().statusCode())
			.isEqualTo(200);
	}

	@Test
	void licenseRequestForDeletedContentIsAnsweredAsForUnknownContent() {
		JsonNode before = license("movie");
		assertThat(before.path("status").asString()).as(before.toString()).isEqualTo("OK");
		JsonNode unknown = license("no-such-movie");

		assertThat(delete("/api/v1/contents/movie").statusCode()).isEqualTo(200);
		JsonNode after = license("movie");

		assertThat(after.path("status").asString()).isEqualTo(unknown.path("status").asString())
			.isEqualTo("CONTENT_KEY_UNKNOWN");
		assertThat(after.has("license")).isFalse();
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM issued_license WHERE provider_id = ? " + "AND content_id = 'movie'", Long.class,
				this.providerId))
			.as("the record of the license issued before stays")
			.isEqualTo(1);
	}

	@Test
	void dryRunTellsWhatWouldBeWithdrawnAndChangesNothing() {
		String grant = HttpTester.json(grant("generated_id", GeneratedId.random().value(), "movie"))
			.path("id")
			.asString();
		grant("generated_id", GeneratedId.random().value(), "movie");

		HttpResponse<String> dryRun = delete("/api/v1/contents/movie?dry_run=true");

		assertThat(dryRun.statusCode()).as(dryRun.body()).isEqualTo(200);
		JsonNode summary = HttpTester.json(dryRun);
		assertThat(summary.path("dry_run").asBoolean()).isTrue();
		assertThat(summary.path("entitlements_withdrawn").asInt()).isEqualTo(2);
		assertThat(summary.path("device_entitlements").asInt()).isEqualTo(2);
		assertThat(summary.path("group_entitlements").asInt()).isZero();
		assertThat(summary.path("keys_deleted").asInt()).isEqualTo(2);
		assertThat(entitlement(grant).has("withdrawn_at")).as("still live").isFalse();
		assertThat(this.http.request("GET", "/api/v1/contents/movie").bearer(this.token).send().statusCode())
			.isEqualTo(200);
	}

	@Test
	void deletingAgainOrUnknownContentIsNotFoundAndTheIdCanBeUsedAgain() {
		assertThat(delete("/api/v1/contents/movie").statusCode()).isEqualTo(200);

		HttpResponse<String> again = delete("/api/v1/contents/movie");
		HttpResponse<String> dryRunAgain = delete("/api/v1/contents/movie?dry_run=true");

		assertThat(again.statusCode()).isEqualTo(404);
		assertThat(again.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
		assertThat(HttpTester.json(again).path("code").asString()).isEqualTo("CONTENT_NOT_FOUND");
		assertThat(HttpTester.json(dryRunAgain).path("code").asString()).isEqualTo("CONTENT_NOT_FOUND");
		HttpResponse<String> recreated = this.http.request("POST", "/api/v1/contents")
			.bearer(this.token)
			.json("{\"content_id\": \"movie\", \"keys\": [{\"track_type\": \"SD\"}]}")
			.send();
		assertThat(recreated.statusCode()).as(recreated.body()).isEqualTo(201);
	}

	@Test
	void aGrantRacingADeletionWaitsForItAndFindsNoContent() throws Exception {
		CompletableFuture<HttpResponse<String>> grant;
		try (Connection deletion = this.dataSource.getConnection()) {
			deletion.setAutoCommit(false);
			try (PreparedStatement lock = deletion
				.prepareStatement("SELECT id FROM content WHERE provider_id = ? AND content_id = 'movie' FOR UPDATE")) {
				lock.setObject(1, this.providerId);
				lock.executeQuery().close();
			}
			grant = CompletableFuture.supplyAsync(() -> this.http.request("POST", "/api/v1/entitlements")
				.bearer(this.token)
				.json("{\"generated_id\": \"" + GeneratedId.random() + "\", \"content_id\": \"movie\", "
						+ "\"policy_name\": \"rental\"}")
				.send());
			awaitBlockedOnLock();
			try (PreparedStatement delete = deletion
				.prepareStatement("DELETE FROM content WHERE provider_id = ? AND content_id = 'movie'")) {
				delete.setObject(1, this.providerId);
				delete.executeUpdate();
			}
			deletion.commit();
		}

		HttpResponse<String> refused = grant.get(1, TimeUnit.MINUTES);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(404);
		assertThat(HttpTester.json(refused).path("code").asString()).isEqualTo("CONTENT_NOT_FOUND");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM entitlement WHERE provider_id = ?", Long.class,
				this.providerId))
			.isZero();
	}

	@Test
	void anotherProviderCannotDeleteTheContent() {
		String other = "other-" + UUID.randomUUID().toString().substring(0, 8);
		this.providers.create(other, "Other");
		String otherToken = this.providers.createCredential(other, "backend").token();

		HttpResponse<String> refused = this.http.request("DELETE", "/api/v1/contents/movie").bearer(otherToken).send();
		HttpResponse<String> naming = this.http.request("DELETE", "/api/v1/contents/movie?provider=" + this.provider)
			.bearer(otherToken)
			.send();

		assertThat(refused.statusCode()).isEqualTo(404);
		assertThat(HttpTester.json(refused).path("code").asString()).isEqualTo("CONTENT_NOT_FOUND");
		assertThat(naming.statusCode()).isEqualTo(404);
		assertThat(HttpTester.json(naming).path("code").asString()).isEqualTo("PROVIDER_NOT_FOUND");
		assertThat(this.http.request("GET", "/api/v1/contents/movie").bearer(this.token).send().statusCode())
			.isEqualTo(200);
	}

	@Test
	void deletionIsAuditedAndADryRunIsNot() {
		assertThat(delete("/api/v1/contents/movie?dry_run=true").statusCode()).isEqualTo(200);
		assertThat(delete("/api/v1/contents/movie").statusCode()).isEqualTo(200);
		assertThat(delete("/api/v1/contents/movie").statusCode()).isEqualTo(404);

		List<Map<String, Object>> events = awaitAudit(2);

		assertThat(events).extracting((event) -> event.get("action"))
			.containsOnly("DELETE /api/v1/contents/{contentId}");
		assertThat(events).extracting((event) -> event.get("target")).containsOnly("/api/v1/contents/movie");
		assertThat(events).extracting((event) -> event.get("actor_type")).containsOnly("PROVIDER");
		assertThat(events).extracting((event) -> event.get("outcome") + " " + event.get("detail"))
			.containsExactly("SUCCESS 200", "REFUSED 404");
	}

	private HttpResponse<String> delete(String path) {
		return this.http.request("DELETE", path).bearer(this.token).send();
	}

	private HttpResponse<String> grant(String to, String value, String contentId) {
		HttpResponse<String> response = this.http.request("POST", "/api/v1/entitlements")
			.bearer(this.token)
			.json("{\"" + to + "\": \"" + value + "\", \"content_id\": \"" + contentId
					+ "\", \"policy_name\": \"rental\"}")
			.send();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return response;
	}

	private void rotate(String contentId) {
		HttpResponse<String> response = this.http.request("POST", "/api/v1/contents/" + contentId + "/keys")
			.bearer(this.token)
			.json("{\"keys\": [{\"track_type\": \"SD\"}]}")
			.send();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	private String createGroup() {
		HttpResponse<String> response = this.http.request("POST", "/api/v1/device-groups")
			.bearer(this.token)
			.json("{\"name\": \"Family\", \"max_members\": 3}")
			.send();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return HttpTester.json(response).path("group_id").asString();
	}

	private JsonNode entitlement(String id) {
		HttpResponse<String> response = this.http.request("GET", "/api/v1/entitlements/" + id)
			.bearer(this.token)
			.send();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return HttpTester.json(response);
	}

	private HttpResponse<String> register(GeneratedId id) {
		return this.http.request("POST", "/device/v1/registrations")
			.json("{\"registration\": \"" + this.device.register(id, this.provider) + "\"}")
			.send();
	}

	private JsonNode license(String contentId) {
		String challenge = this.device.challenge().contentId(contentId).issuedAt(Instant.now()).build();
		HttpResponse<String> response = this.http.request("POST", "/api/v1/licenses")
			.bearer(this.token)
			.json("{\"payload\": \"%s\", \"provider\": \"%s\", \"policy_name\": \"rental\"}".formatted(challenge,
					this.provider))
			.send();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return HttpTester.json(response);
	}

	private JsonNode bundle(GeneratedId id) {
		HttpResponse<String> response = this.http.get("/device/v1/registrations/" + id + "/licenses");
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return HttpTester.json(response);
	}

	private JsonNode awaitBundle(GeneratedId id, Predicate<JsonNode> done) {
		Instant deadline = Instant.now().plus(WAIT);
		while (true) {
			JsonNode bundle = bundle(id);
			if (done.test(bundle.path("licenses"))) {
				return bundle;
			}
			assertThat(Instant.now()).as("bundle of %s: %s", id, bundle).isBefore(deadline);
			pause();
		}
	}

	private void awaitBlockedOnLock() {
		Instant deadline = Instant.now().plus(WAIT);
		while (this.jdbc.queryForObject(
				"SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
						+ "AND query LIKE '%FROM content WHERE provider_id = $1 AND content_id = $2 FOR KEY SHARE%'",
				Long.class) == 0) {
			assertThat(Instant.now()).as("the grant waits on the content's row").isBefore(deadline);
			pause();
		}
	}

	private void awaitNoQueuedJobs() {
		Instant deadline = Instant.now().plus(WAIT);
		while (this.jdbc.queryForObject(
				"SELECT count(*) FROM job WHERE provider_id = ? AND status IN ('QUEUED', 'RUNNING')", Long.class,
				this.providerId) > 0) {
			assertThat(Instant.now()).as("the provider's jobs finish").isBefore(deadline);
			pause();
		}
	}

	private List<Map<String, Object>> awaitAudit(int count) {
		Instant deadline = Instant.now().plus(WAIT);
		while (true) {
			List<Map<String, Object>> events = this.jdbc.queryForList(
					"SELECT action, target, actor_type, outcome, detail FROM audit_event WHERE provider_id = ? "
							+ "AND action LIKE 'DELETE %' ORDER BY id",
					this.providerId);
			if (events.size() >= count) {
				return events;
			}
			assertThat(Instant.now()).as("audit events: %s", events).isBefore(deadline);
			pause();
		}
	}

	private static void pause() {
		try {
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
