package io.voucher.api.registration;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Predicate;

import javax.sql.DataSource;

import io.voucher.api.testing.HttpTester;
import io.voucher.api.testing.TrustedManufacturer;
import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.keys.KeyMaterial;
import io.voucher.crypto.keys.LicenseTrust;
import io.voucher.crypto.testing.TestDevice;
import io.voucher.crypto.testing.TestPki;
import io.voucher.crypto.voucher.ContentKey;
import io.voucher.crypto.voucher.OpenedVoucher;
import io.voucher.crypto.voucher.TrackType;
import io.voucher.crypto.voucher.VoucherOpener;
import io.voucher.crypto.voucher.VoucherRejectedException;
import io.voucher.domain.content.ContentId;
import io.voucher.domain.content.ContentKeyMaterial;
import io.voucher.domain.content.ContentService;
import io.voucher.domain.content.KeyRequest;
import io.voucher.domain.jobs.JobScheduler;
import io.voucher.domain.policy.PlaybackPolicy;
import io.voucher.domain.policy.PolicyName;
import io.voucher.domain.policy.PolicyService;
import io.voucher.domain.provider.ProviderService;
import io.voucher.domain.testing.PostgresTest;
import io.voucher.registry.pregeneration.WithdrawnLicensePurge;
import io.voucher.registry.registration.RegistrationService;
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
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The out-of-band flows of the Primetime seed end to end, on real PostgreSQL and the real
 * job scheduler: register a generated ID, pre-generate licenses, fetch the bundle by ID,
 * open every license with the device key; re-registration, conflicts, concurrent
 * registrations, interrupted jobs, policy changes, factory reset and revocation.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "voucher.jobs.polling-interval=200ms")
@PostgresTest
class RegistrationFlowTests {

	/** A manufacturer PKI whose root the server trusts. */
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
	KeyMaterial keyMaterial;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	JobScheduler scheduler;

	@Autowired
	WithdrawnLicensePurge withdrawnLicenses;

	HttpTester http;

	String provider;

	UUID providerId;

	String token;

	TestDevice device;

	@BeforeEach
	void providerContentPolicyAndDevice() {
		this.http = new HttpTester(this.port);
		this.provider = "oob-" + UUID.randomUUID().toString().substring(0, 8);
		this.providerId = this.providers.create(this.provider, "Out of band").id();
		this.token = this.providers.createCredential(this.provider, "backend").token();
		this.contents.create(this.providerId, new ContentId("movie"), "Movie",
				List.of(KeyRequest.generate(TrackType.AUDIO), KeyRequest.generate(TrackType.SD),
						KeyRequest.generate(TrackType.HD)));
		this.contents.create(this.providerId, new ContentId("series"), "Series",
				List.of(KeyRequest.generate(TrackType.SD)));
		this.policies.create(this.providerId, new PolicyName("rental"),
				PlaybackPolicy.builder()
					.canPlay(true)
					.canPersist(true)
					.licenseDurationSeconds(30 * 24 * 3600)
					.rentalDurationSeconds(172_800)
					.build(),
				Map.of());
		this.device = manufacturer.newDevice().make("Acme").model("Box-1").build();
	}

	@Test
	void seedProcedureRegisterPregenerateDownloadAndOpenOnTheDeviceOnly() {
		GeneratedId id = GeneratedId.random();
		grant(id, "movie");

		HttpResponse<String> registered = register(this.device, id);
		JsonNode laterGrant = HttpTester.json(grant(id, "series"));
		JsonNode bundle = awaitBundle(id, (licenses) -> licenses.size() == 2);

		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		assertThat(HttpTester.json(registered).path("bundle_url").asString())
			.isEqualTo("/device/v1/registrations/" + id + "/licenses");
		assertThat(laterGrant.path("job_id").asString()).isNotBlank();
		assertThat(awaitJob(laterGrant.path("job_id").asString()).path("status").asString()).isEqualTo("SUCCEEDED");
		for (JsonNode entry : bundle.path("licenses")) {
			OpenedVoucher opened = opener().open(entry.path("license").asString(), this.device.identity());
			String contentId = entry.path("content_id").asString();
			assertThat(opened.terms().contentId()).isEqualTo(contentId);
			assertThat(opened.terms().policy().canPlay()).isTrue();
			assertThat(opened.terms().policy().rentalDurationSeconds()).isEqualTo(172_800);
			assertThat(keyBytes(opened.contentKeys())).isEqualTo(serverKeys(contentId));
		}
		TestDevice other = manufacturer.newDevice().build();
		String first = bundle.path("licenses").get(0).path("license").asString();
		assertThatExceptionOfType(VoucherRejectedException.class)
			.isThrownBy(() -> opener().open(first, other.identity()))
			.satisfies(
					(ex) -> assertThat(ex.reason()).isEqualTo(VoucherRejectedException.Reason.BOUND_TO_ANOTHER_DEVICE));
	}

	@Test
	void registrationsAreFoundByPartOfTheirIdFingerprintMakeOrModelWithTheirCertificate() {
		GeneratedId id = GeneratedId.random();
		register(this.device, id);
		JsonNode granted = HttpTester.json(grant(id, "movie"));
		TestDevice other = manufacturer.newDevice().make("Other").model("Stick_2").build();
		GeneratedId otherId = GeneratedId.random();
		register(other, otherId);

		JsonNode byModel = registrations("?q=box-");
		JsonNode byIdPrefix = registrations("?q=" + id.value().substring(0, 8));
		JsonNode byFingerprintPrefix = registrations("?q=" + other.fingerprint().value().substring(0, 10));
		JsonNode wildcardIsLiteral = registrations("?q=%25");
		JsonNode underscoreIsLiteral = registrations("?q=k_2");

		assertThat(byModel.path("items").findValuesAsString("generated_id")).containsExactly(id.value());
		assertThat(byIdPrefix.path("items").findValuesAsString("generated_id")).containsExactly(id.value());
		assertThat(byFingerprintPrefix.path("items").findValuesAsString("generated_id"))
			.containsExactly(otherId.value());
		assertThat(wildcardIsLiteral.path("items").size()).isZero();
		assertThat(underscoreIsLiteral.path("items").findValuesAsString("generated_id"))
			.containsExactly(otherId.value());
		JsonNode certificate = byModel.path("items").get(0).path("certificate");
		assertThat(certificate.path("subject").asString()).contains("Box-1");
		assertThat(certificate.path("key_algorithm").asString()).isEqualTo("EC");
		assertThat(certificate.path("chain_length").asInt()).isGreaterThanOrEqualTo(2);
		assertThat(Instant.parse(certificate.path("not_after").asString())).isAfter(Instant.now());
		assertThat(certificate.path("serial_number").asString()).matches("[0-9a-f]+");

		String jobId = granted.path("job_id").asString();
		awaitJob(jobId);
		JsonNode succeeded = jobs("?status=SUCCEEDED&kind=pregeneration");
		JsonNode failed = jobs("?status=FAILED");
		assertThat(succeeded.path("items").findValuesAsString("id")).contains(jobId);
		assertThat(succeeded.path("items").findValuesAsString("kind")).containsOnly("PREGENERATION");
		assertThat(failed.path("items").findValuesAsString("id")).doesNotContain(jobId);
	}

	private JsonNode registrations(String query) {
		HttpResponse<String> response = this.http.request("GET", "/api/v1/registrations" + query)
			.bearer(this.token)
			.send();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return HttpTester.json(response);
	}

	private JsonNode jobs(String query) {
		HttpResponse<String> response = this.http.request("GET", "/api/v1/jobs" + query).bearer(this.token).send();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return HttpTester.json(response);
	}

	@Test
	void registeringAgainIsIdempotentAndAnotherCertificateConflicts() {
		GeneratedId id = GeneratedId.random();

		HttpResponse<String> first = register(this.device, id);
		HttpResponse<String> again = register(this.device, id);
		HttpResponse<String> other = register(manufacturer.newDevice().build(), id);

		assertThat(first.statusCode()).isEqualTo(201);
		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(HttpTester.json(again)).isEqualTo(HttpTester.json(first));
		assertThat(other.statusCode()).isEqualTo(409);
		assertThat(HttpTester.json(other).path("code").asString()).isEqualTo("REGISTRATION_CONFLICT");
		assertThat(registrationRows(id)).isEqualTo(1);
	}

	@Test
	void twentyConcurrentRegistrationsOfOneIdEndInOne() throws Exception {
		GeneratedId id = GeneratedId.random();
		CountDownLatch start = new CountDownLatch(1);
		List<Future<Integer>> statuses = new ArrayList<>();
		ExecutorService pool = Executors.newFixedThreadPool(20);
		try {
			for (int i = 0; i < 20; i++) {
				String request = this.device.register(id, this.provider);
				statuses.add(pool.submit(() -> {
					start.await();
					return postRegistration(request).statusCode();
				}));
			}
			start.countDown();
			List<Integer> answered = new ArrayList<>();
			for (Future<Integer> status : statuses) {
				answered.add(status.get());
			}
			assertThat(answered).containsOnly(200, 201).filteredOn((status) -> status == 201).hasSize(1);
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(registrationRows(id)).isEqualTo(1);
	}

	@Test
	void aBurstOfRegistrationsIsPreGeneratedInBatchesByAFewSharedJobs() throws Exception {
		List<GeneratedId> ids = registerWhileJobsStopped(30, (registered) -> {
		});
		for (GeneratedId id : ids) {
			awaitBundle(id, (licenses) -> licenses.size() == 1);
		}
		List<String> jobIds = this.jdbc.queryForList(
				"SELECT id::text FROM job WHERE provider_id = ? AND kind = 'PREGENERATION'", String.class,
				this.providerId);
		List<JsonNode> jobs = jobIds.stream().map(this::awaitJob).toList();

		assertThat(jobs)
			.as("one job per batch, at most %d side by side, not one per registration",
					RegistrationService.PARALLEL_PENDING_JOBS)
			.hasSizeBetween(1, RegistrationService.PARALLEL_PENDING_JOBS);
		assertThat(jobs).extracting((job) -> job.path("scope").asString())
			.containsOnly(RegistrationService.PENDING_SCOPE);
		assertThat(jobs).extracting((job) -> job.path("status").asString()).containsOnly("SUCCEEDED");
		assertThat(jobs.stream().mapToLong((job) -> job.path("done").asLong()).sum())
			.as("every registration synced once, by one of the jobs")
			.isEqualTo(30);
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM registration WHERE provider_id = ? AND sync_requested_at IS NOT NULL", Long.class,
				this.providerId))
			.as("none left waiting")
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM pregenerated_license l JOIN registration r "
				+ "ON r.id = l.registration_id WHERE r.provider_id = ?", Long.class, this.providerId))
			.as("one license per registration, none made twice")
			.isEqualTo(30);
	}

	@Test
	void aRegistrationThatCannotBeSyncedIsPutOffWithoutHoldingUpTheOthersOfItsBatch() {
		double failedBefore = failedMetric();
		// A stored chain that no longer parses: its licenses cannot be made.
		List<GeneratedId> ids = registerWhileJobsStopped(3,
				(registered) -> this.jdbc.update(
						"UPDATE registration SET certificate_chain = 'not a certificate' WHERE generated_id = ?",
						registered.get(1).value()));
		awaitBundle(ids.get(0), (licenses) -> licenses.size() == 1);
		awaitBundle(ids.get(2), (licenses) -> licenses.size() == 1);
		List<JsonNode> jobs = this.jdbc
			.queryForList("SELECT id::text FROM job WHERE provider_id = ? AND kind = 'PREGENERATION'", String.class,
					this.providerId)
			.stream()
			.map(this::awaitJob)
			.toList();

		assertThat(jobs).extracting((job) -> job.path("status").asString()).containsOnly("SUCCEEDED");
		assertThat(jobs.stream().mapToLong((job) -> job.path("failed").asLong()).sum()).isEqualTo(1);
		assertThat(jobs.stream().mapToLong((job) -> job.path("done").asLong()).sum()).isEqualTo(2);
		assertThat(bundle(ids.get(1)).path("licenses").size()).isZero();
		assertThat(this.jdbc.queryForObject(
				"SELECT sync_requested_at > now() + interval '4 minutes' FROM registration WHERE generated_id = ?",
				Boolean.class, ids.get(1).value()))
			.as("put off for a while, then tried again")
			.isTrue();
		assertThat(failedMetric() - failedBefore).as("counted for alerts").isEqualTo(1.0);

		// A policy change goes through the others and puts the bad one off again.
		regenerate(ids.get(0), 7200);
		awaitBundle(ids.get(2),
				(licenses) -> licenses.size() == 1 && opener().inspect(licenses.get(0).path("license").asString())
					.policy()
					.rentalDurationSeconds() == 7200);
		JsonNode policyJob = awaitJob(
				this.jdbc.queryForObject("SELECT id::text FROM job WHERE provider_id = ? AND scope = 'policy:rental'",
						String.class, this.providerId));
		assertThat(policyJob.path("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(policyJob.path("done").asLong()).isEqualTo(2);
		assertThat(policyJob.path("failed").asLong()).isEqualTo(1);
		assertThat(failedMetric() - failedBefore).isEqualTo(2.0);
	}

	private double failedMetric() {
		String prefix = "voucher_pregeneration_failed_total{";
		return this.http.scrape()
			.body()
			.lines()
			.filter((line) -> line.startsWith(prefix) && line.contains("target=\"registration\""))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.findFirst()
			.orElseThrow();
	}

	@Test
	void withdrawnLicensesPastTheirRetentionAreDeletedAndNothingElse() {
		GeneratedId id = GeneratedId.random();
		grant(id, "movie");
		register(this.device, id);
		awaitBundle(id, (licenses) -> licenses.size() == 1);
		regenerate(id, 7200);
		// The first generation was withdrawn long ago; the second just now.
		this.jdbc.update("UPDATE pregenerated_license SET withdrawn_at = now() - interval '31 days' "
				+ "WHERE withdrawn_at IS NOT NULL AND registration_id = (SELECT id FROM registration WHERE generated_id = ?)",
				id.value());
		regenerate(id, 10800);

		int deleted = this.withdrawnLicenses.purge();

		assertThat(deleted).isGreaterThanOrEqualTo(1);
		assertThat(this.jdbc.queryForList("SELECT withdrawn_at IS NULL FROM pregenerated_license l "
				+ "JOIN registration r ON r.id = l.registration_id WHERE r.generated_id = ? ORDER BY l.issued_at",
				Boolean.class, id.value()))
			.as("the recently withdrawn one and the current one are kept")
			.containsExactly(false, true);
		String license = bundle(id).path("licenses").get(0).path("license").asString();
		assertThat(opener().inspect(license).policy().rentalDurationSeconds()).isEqualTo(10800);
	}

	/**
	 * Grants and registers new IDs with the job runner stopped, does {@code meanwhile},
	 * then starts the runner again.
	 */
	private List<GeneratedId> registerWhileJobsStopped(int count, Consumer<List<GeneratedId>> meanwhile) {
		List<GeneratedId> ids = new ArrayList<>();
		this.scheduler.stop();
		try {
			for (int i = 0; i < count; i++) {
				GeneratedId id = GeneratedId.random();
				ids.add(id);
				grant(id, "movie");
				assertThat(register(manufacturer.newDevice().build(), id).statusCode()).isEqualTo(201);
			}
			meanwhile.accept(ids);
		}
		finally {
			this.scheduler.start();
		}
		return ids;
	}

	/** Changes the rental policy and waits until the ID's license is made from it. */
	private void regenerate(GeneratedId id, long rentalSeconds) {
		this.policies.update(this.providerId, new PolicyName("rental"),
				PlaybackPolicy.builder()
					.canPlay(true)
					.canPersist(true)
					.licenseDurationSeconds(30 * 24 * 3600)
					.rentalDurationSeconds(rentalSeconds)
					.build(),
				Map.of());
		awaitBundle(id,
				(licenses) -> licenses.size() == 1 && opener().inspect(licenses.get(0).path("license").asString())
					.policy()
					.rentalDurationSeconds() == rentalSeconds);
	}

	@Test
	void jobInterruptedByTheNodeStoppingResumesWithExactlyOneCurrentLicensePerEntitlement() throws Exception {
		// More registrations than a job syncs in one transaction, so that it stops with
		// some left.
		int count = 30;
		List<GeneratedId> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			GeneratedId id = GeneratedId.random();
			ids.add(id);
			grant(id, "movie");
			register(manufacturer.newDevice().build(), id);
		}
		for (GeneratedId id : ids) {
			awaitBundle(id, (licenses) -> licenses.size() == 1);
		}
		List<UUID> targets = this.jdbc.queryForList("SELECT id FROM registration WHERE provider_id = ? ORDER BY id",
				UUID.class, this.providerId);
		Instant changedAt = Instant.now();

		try (Connection blocker = this.dataSource.getConnection()) {
			blocker.setAutoCommit(false);
			try (Statement lock = blocker.createStatement()) {
				lock.execute("SELECT 1 FROM registration WHERE id = '" + targets.get(4) + "' FOR UPDATE");
			}
			this.policies.update(this.providerId, new PolicyName("rental"),
					PlaybackPolicy.builder()
						.canPlay(true)
						.canPersist(true)
						.licenseDurationSeconds(30 * 24 * 3600)
						.rentalDurationSeconds(3600)
						.build(),
					Map.of());
			awaitBlockedOnLock();
			CompletableFuture<Void> stopping = CompletableFuture.runAsync(this.scheduler::stop);
			Thread.sleep(300);
			blocker.rollback();
			stopping.get();
		}
		String jobId = this.jdbc.queryForObject(
				"SELECT id::text FROM job WHERE provider_id = ? AND scope = 'policy:rental'", String.class,
				this.providerId);
		JsonNode interrupted = job(jobId);
		long regeneratedWhileStopped = issuedSince(changedAt);

		this.scheduler.start();
		JsonNode finished = awaitJob(jobId);

		assertThat(interrupted.path("status").asString()).isEqualTo("QUEUED");
		assertThat(regeneratedWhileStopped).isBetween(1L, count - 1L);
		assertThat(finished.path("status").asString()).isEqualTo("SUCCEEDED");
		assertThat(finished.path("attempts").asInt()).isEqualTo(2);
		assertThat(issuedSince(changedAt)).as("one new license per registration, none twice").isEqualTo(count);
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM pregenerated_license l JOIN registration r "
						+ "ON r.id = l.registration_id WHERE r.provider_id = ? AND l.withdrawn_at IS NULL",
				Long.class, this.providerId))
			.isEqualTo(count);
		for (GeneratedId id : ids) {
			String license = bundle(id).path("licenses").get(0).path("license").asString();
			assertThat(opener().inspect(license).policy().rentalDurationSeconds()).isEqualTo(3600);
		}
	}

	@Test
	void factoryResetRefusesStaleLicensesAndTransferRegeneratesForTheNewId() {
		GeneratedId oldId = GeneratedId.random();
		grant(oldId, "movie");
		register(this.device, oldId);
		String stale = awaitBundle(oldId, (licenses) -> licenses.size() == 1).path("licenses")
			.get(0)
			.path("license")
			.asString();
		TestDevice afterReset = manufacturer.newDevice().make("Acme").model("Box-1").build();
		GeneratedId newId = GeneratedId.random();
		register(afterReset, newId);

		JsonNode transfer = HttpTester.json(this.http.request("POST", "/api/v1/registrations/" + oldId + "/transfer")
			.bearer(this.token)
			.json("{\"to_generated_id\": \"" + newId + "\"}")
			.send());
		JsonNode fresh = awaitBundle(newId, (licenses) -> licenses.size() == 1);

		assertThatExceptionOfType(VoucherRejectedException.class)
			.isThrownBy(() -> opener().open(stale, afterReset.identity()))
			.satisfies(
					(ex) -> assertThat(ex.reason()).isEqualTo(VoucherRejectedException.Reason.BOUND_TO_ANOTHER_DEVICE));
		assertThat(transfer.path("moved_entitlements").asInt()).isEqualTo(1);
		assertThat(transfer.path("job_id").asString()).isNotBlank();
		assertThat(this.http.get(bundlePath(oldId)).statusCode()).isEqualTo(410);
		assertThat(registration(oldId).path("status").asString()).isEqualTo("SUPERSEDED");
		assertThat(registration(oldId).path("superseded_by").asString()).isEqualTo(newId.value());
		OpenedVoucher opened = opener().open(fresh.path("licenses").get(0).path("license").asString(),
				afterReset.identity());
		assertThat(keyBytes(opened.contentKeys())).isEqualTo(serverKeys("movie"));
		assertThat(register(this.device, oldId).statusCode()).isEqualTo(410);
	}

	@Test
	void providerBlockWithdrawsTheBundleAndRefusesRegistration() {
		GeneratedId id = GeneratedId.random();
		grant(id, "movie");
		register(this.device, id);
		awaitBundle(id, (licenses) -> licenses.size() == 1);

		HttpResponse<String> revoked = this.http
			.request("POST", "/api/v1/devices/" + this.device.fingerprint().value() + "/revoke")
			.bearer(this.token)
			.json("{\"reason\": \"cloned\"}")
			.send();
		HttpResponse<String> registerAgain = register(this.device, GeneratedId.random());

		assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
		assertThat(this.http.get(bundlePath(id)).statusCode()).isEqualTo(410);
		assertThat(registration(id).path("status").asString()).isEqualTo("REVOKED");
		assertThat(registerAgain.statusCode()).isEqualTo(403);
		assertThat(HttpTester.json(registerAgain).path("code").asString()).isEqualTo("DEVICE_BLOCKED");
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM pregenerated_license l JOIN registration r "
						+ "ON r.id = l.registration_id WHERE r.generated_id = ? AND l.withdrawn_at IS NULL",
				Long.class, id.value()))
			.isZero();
	}

	@Test
	void unchangedBundleAnswers304AndAWithdrawalChangesItAtOnce() {
		GeneratedId id = GeneratedId.random();
		String entitlement = HttpTester.json(grant(id, "movie")).path("id").asString();
		register(this.device, id);
		awaitBundle(id, (licenses) -> licenses.size() == 1);
		HttpResponse<String> first = this.http.get(bundlePath(id));
		String etag = first.headers().firstValue("ETag").orElseThrow();

		HttpResponse<String> unchanged = this.http.request("GET", bundlePath(id)).header("If-None-Match", etag).send();
		HttpResponse<String> withdrawn = this.http.request("DELETE", "/api/v1/entitlements/" + entitlement)
			.bearer(this.token)
			.send();
		HttpResponse<String> changed = this.http.request("GET", bundlePath(id)).header("If-None-Match", etag).send();

		assertThat(first.headers().firstValue("Cache-Control").orElseThrow()).contains("public", "max-age=60");
		assertThat(unchanged.statusCode()).isEqualTo(304);
		assertThat(unchanged.body()).isEmpty();
		assertThat(withdrawn.statusCode()).isEqualTo(200);
		assertThat(HttpTester.json(withdrawn).path("withdrawn_at").asString()).isNotBlank();
		assertThat(changed.statusCode()).isEqualTo(200);
		assertThat(changed.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
		assertThat(HttpTester.json(changed).path("licenses")).isEmpty();
	}

	@Test
	void unknownIdIsNotFoundAndAPolicyInUseCannotBeDeleted() {
		GeneratedId id = GeneratedId.random();
		grant(id, "movie");

		HttpResponse<String> unknown = this.http.get(bundlePath(GeneratedId.random()));
		HttpResponse<String> delete = this.http.request("DELETE", "/api/v1/policies/rental").bearer(this.token).send();

		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(HttpTester.json(unknown).path("code").asString()).isEqualTo("REGISTRATION_NOT_FOUND");
		assertThat(delete.statusCode()).isEqualTo(409);
		assertThat(HttpTester.json(delete).path("code").asString()).isEqualTo("POLICY_IN_USE");
	}

	private HttpResponse<String> grant(GeneratedId id, String contentId) {
		HttpResponse<String> response = this.http.request("POST", "/api/v1/entitlements")
			.bearer(this.token)
			.json("{\"generated_id\": \"" + id + "\", \"content_id\": \"" + contentId
					+ "\", \"policy_name\": \"rental\"}")
			.send();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return response;
	}

	private HttpResponse<String> register(TestDevice device, GeneratedId id) {
		return postRegistration(device.register(id, this.provider));
	}

	private HttpResponse<String> postRegistration(String request) {
		return this.http.request("POST", "/device/v1/registrations")
			.json("{\"registration\": \"" + request + "\"}")
			.send();
	}

	private JsonNode registration(GeneratedId id) {
		return HttpTester.json(this.http.request("GET", "/api/v1/registrations/" + id).bearer(this.token).send());
	}

	private JsonNode bundle(GeneratedId id) {
		HttpResponse<String> response = this.http.get(bundlePath(id));
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

	private JsonNode job(String jobId) {
		HttpResponse<String> response = this.http.request("GET", "/api/v1/jobs/" + jobId).bearer(this.token).send();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return HttpTester.json(response);
	}

	private JsonNode awaitJob(String jobId) {
		Instant deadline = Instant.now().plus(WAIT);
		while (true) {
			JsonNode job = job(jobId);
			String status = job.path("status").asString();
			if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
				return job;
			}
			assertThat(Instant.now()).as("job %s", job).isBefore(deadline);
			pause();
		}
	}

	private void awaitBlockedOnLock() {
		Instant deadline = Instant.now().plus(WAIT);
		while (this.jdbc.queryForObject("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
				+ "AND query LIKE '%FROM registration WHERE id = $1 FOR UPDATE%'", Long.class) == 0) {
			assertThat(Instant.now()).as("a job blocked on the registration lock").isBefore(deadline);
			pause();
		}
	}

	private long issuedSince(Instant since) {
		return this.jdbc.queryForObject(
				"SELECT count(*) FROM pregenerated_license l JOIN registration r "
						+ "ON r.id = l.registration_id WHERE r.provider_id = ? AND l.issued_at >= ?",
				Long.class, this.providerId, java.sql.Timestamp.from(since));
	}

	private long registrationRows(GeneratedId id) {
		return this.jdbc.queryForObject("SELECT count(*) FROM registration WHERE generated_id = ?", Long.class,
				id.value());
	}

	private VoucherOpener opener() {
		return new VoucherOpener(LicenseTrust.pinning(this.keyMaterial.licenseRoot(), java.time.Clock.systemUTC()));
	}

	private Map<String, String> serverKeys(String contentId) {
		Map<String, String> keys = new java.util.TreeMap<>();
		for (ContentKeyMaterial key : this.contents.activeKeys(this.providerId, new ContentId(contentId))) {
			keys.put(key.keyId().toBase64Url(), java.util.HexFormat.of().formatHex(key.key().toByteArray()));
		}
		return keys;
	}

	private static Map<String, String> keyBytes(List<ContentKey> keys) {
		Map<String, String> result = new java.util.TreeMap<>();
		for (ContentKey key : keys) {
			result.put(key.keyId().toBase64Url(), java.util.HexFormat.of().formatHex(key.key().toByteArray()));
		}
		return result;
	}

	private static String bundlePath(GeneratedId id) {
		return "/device/v1/registrations/" + id + "/licenses";
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
