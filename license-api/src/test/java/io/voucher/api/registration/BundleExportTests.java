package io.voucher.api.registration;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Stream;

import javax.sql.DataSource;

import io.voucher.api.VoucherApplication;
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
import io.voucher.registry.export.BundleExport;
import io.voucher.registry.export.ExportBusyException;
import io.voucher.registry.export.ExportSummary;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The static export of out-of-band bundles end to end, on real PostgreSQL and the real
 * job scheduler: devices register and are entitled over HTTP, licenses are pre-generated
 * in the background, and every exported file is compared with the bundle the server
 * answers. The database is shared by the tests of this class, so assertions name their
 * own generated IDs or count what the database holds.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "voucher.jobs.polling-interval=200ms", "voucher.admin.initial-username=root",
				"voucher.admin.initial-password=" + BundleExportTests.ADMIN_PASSWORD })
@PostgresTest
class BundleExportTests {

	static final String ADMIN_PASSWORD = "export admin password";

	/** A manufacturer PKI whose root the server trusts. */
	static final TestPki manufacturer = TestPki.create();

	static final Duration WAIT = Duration.ofSeconds(60);

	/** Long ago: a file that still has it after an export was not written again. */
	static final FileTime UNTOUCHED = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));

	static final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	static Path configuredRoot;

	@DynamicPropertySource
	static void trustManufacturerRootAndExportIntoAFreshFolder(DynamicPropertyRegistry registry) {
		TrustedManufacturer.trust(registry, manufacturer);
		registry.add("voucher.export.directory", () -> configuredFolder().toString());
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
	BundleExport export;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@Autowired
	JdbcConnectionDetails database;

	@TempDir
	Path temp;

	HttpTester http;

	String provider;

	String token;

	@BeforeEach
	void providerContentAndPolicy() {
		this.http = new HttpTester(this.port);
		this.provider = "export-" + UUID.randomUUID().toString().substring(0, 8);
		UUID providerId = this.providers.create(this.provider, "Export").id();
		this.token = this.providers.createCredential(this.provider, "backend").token();
		this.contents.create(providerId, new ContentId("movie"), "Movie",
				List.of(KeyRequest.generate(TrackType.AUDIO), KeyRequest.generate(TrackType.SD)));
		this.contents.create(providerId, new ContentId("series"), "Series", List.of(KeyRequest.generate(TrackType.SD)));
		this.policies.create(providerId, new PolicyName("rental"),
				PlaybackPolicy.builder().canPlay(true).canPersist(true).licenseDurationSeconds(30 * 24 * 3600).build(),
				Map.of());
	}

	@Test
	void exportWritesEveryActiveBundleAsTheHttpBundleAndIndexesItsVersion() throws IOException {
		GeneratedId id = registeredWithLicenses("movie");
		Path folder = this.temp.resolve("exports");

		ExportSummary summary = this.export.export(folder, false);

		HttpResponse<String> served = this.http.get(bundlePath(id));
		Path file = folder.resolve(id + ".json");
		assertThat(Files.readString(file)).as("the same bytes as the HTTP bundle").isEqualTo(served.body());
		assertThat(json.readTree(file.toFile())).isEqualTo(HttpTester.json(served));
		assertThat(indexVersions(folder)).containsEntry(id.value(), HttpTester.json(served).path("version").asLong());
		assertThat(json.readTree(folder.resolve("index.json").toFile()).path("exported_at").asString())
			.isEqualTo(summary.exportedAt().toString());
		assertThat(bundleFiles(folder)).hasSize(activeRegistrations());
		assertThat(summary.written()).isEqualTo(activeRegistrations());
		assertThat(summary.unchanged()).isZero();
		assertThat(summary.deleted()).isZero();
		assertThat(summary.finished()).isTrue();
		try (Stream<Path> files = Files.list(folder)) {
			assertThat(files.map((path) -> path.getFileName().toString())).as("no temporary file left")
				.allMatch((name) -> name.endsWith(".json"));
		}
	}

	@Test
	void secondExportWithNothingChangedRewritesNoBundle() throws IOException {
		GeneratedId id = registeredWithLicenses("movie");
		Path folder = this.temp.resolve("exports");
		this.export.export(folder, false);
		Files.setLastModifiedTime(folder.resolve(id + ".json"), UNTOUCHED);

		ExportSummary again = this.export.export(folder, false);

		assertThat(again.written()).isZero();
		assertThat(again.deleted()).isZero();
		assertThat(again.unchanged()).isEqualTo(activeRegistrations());
		assertThat(Files.getLastModifiedTime(folder.resolve(id + ".json"))).isEqualTo(UNTOUCHED);
	}

	@Test
	void afterAChangeOnlyTheChangedBundleIsRewritten() throws IOException {
		GeneratedId changed = registeredWithLicenses("movie");
		GeneratedId same = registeredWithLicenses("movie");
		Path folder = this.temp.resolve("exports");
		this.export.export(folder, false);
		Files.setLastModifiedTime(folder.resolve(changed + ".json"), UNTOUCHED);
		Files.setLastModifiedTime(folder.resolve(same + ".json"), UNTOUCHED);
		grant(changed, "series");
		JsonNode served = awaitBundle(changed, (licenses) -> licenses.size() == 2);

		ExportSummary summary = this.export.export(folder, false);

		assertThat(summary.written()).isEqualTo(1);
		assertThat(Files.getLastModifiedTime(folder.resolve(changed + ".json"))).isNotEqualTo(UNTOUCHED);
		assertThat(json.readTree(folder.resolve(changed + ".json").toFile())).isEqualTo(served);
		assertThat(indexVersions(folder)).containsEntry(changed.value(), served.path("version").asLong());
		assertThat(Files.getLastModifiedTime(folder.resolve(same + ".json"))).isEqualTo(UNTOUCHED);
	}

	@Test
	void supersededRegistrationHasItsFileDeleted() throws IOException {
		GeneratedId oldId = registeredWithLicenses("movie");
		Path folder = this.temp.resolve("exports");
		this.export.export(folder, false);
		GeneratedId newId = GeneratedId.random();
		register(manufacturer.newDevice().build(), newId);
		HttpResponse<String> transfer = this.http.request("POST", "/api/v1/registrations/" + oldId + "/transfer")
			.bearer(this.token)
			.json("{\"to_generated_id\": \"" + newId + "\"}")
			.send();

		ExportSummary summary = this.export.export(folder, false);

		assertThat(transfer.statusCode()).as(transfer.body()).isEqualTo(200);
		assertThat(this.http.get(bundlePath(oldId)).statusCode()).isEqualTo(410);
		assertThat(summary.deleted()).isEqualTo(1);
		assertThat(folder.resolve(oldId + ".json")).doesNotExist();
		assertThat(indexVersions(folder)).doesNotContainKey(oldId.value()).containsKey(newId.value());
		assertThat(folder.resolve(newId + ".json")).exists();
	}

	@Test
	void adminEndpointQueuesAnExportJobIntoTheConfiguredFolderThatSucceeds() throws IOException {
		GeneratedId id = registeredWithLicenses("movie");

		HttpResponse<String> accepted = admin("POST", "/api/v1/admin/bundle-exports");
		String jobId = HttpTester.json(accepted).path("job_id").asString();
		JsonNode job = awaitJob(jobId);

		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
		assertThat(accepted.headers().firstValue("Location")).hasValue("/api/v1/jobs/" + jobId);
		assertThat(HttpTester.json(accepted).has("directory")).as("no server path in the answer").isFalse();
		assertThat(accepted.body()).doesNotContain(configuredFolder().toString());
		assertThat(job.path("scope").asString()).isEqualTo("voucher.export.directory");
		assertThat(job.path("kind").asString()).isEqualTo("BUNDLE_EXPORT");
		assertThat(job.path("status").asString()).as(job.toString()).isEqualTo("SUCCEEDED");
		assertThat(job.path("done").asLong()).isEqualTo(job.path("total").asLong()).isPositive();
		assertThat(json.readTree(configuredFolder().resolve(id + ".json").toFile()))
			.isEqualTo(HttpTester.json(this.http.get(bundlePath(id))));
		assertThat(indexVersions(configuredFolder())).containsKey(id.value());
	}

	@Test
	void dryRunCountsWhatAnExportWouldDoAndWritesAndQueuesNothing() throws IOException {
		registeredWithLicenses("movie");
		Map<String, FileTime> before = snapshot(configuredFolder());
		long jobs = exportJobs();

		HttpResponse<String> dryRun = admin("POST", "/api/v1/admin/bundle-exports?dry_run=true");

		assertThat(dryRun.statusCode()).as(dryRun.body()).isEqualTo(200);
		JsonNode counts = HttpTester.json(dryRun);
		assertThat(counts.path("dry_run").asBoolean()).isTrue();
		assertThat(counts.has("job_id")).isFalse();
		assertThat(counts.path("written").asInt()).as("at least this test's new registration").isPositive();
		assertThat(counts.path("written").asInt() + counts.path("unchanged").asInt()).isEqualTo(activeRegistrations());
		assertThat(snapshot(configuredFolder())).isEqualTo(before);
		assertThat(exportJobs()).isEqualTo(jobs);
	}

	@Test
	void adminEndpointRefusesAnonymousCallersAndProviderCredentialsAndQueuesNothing() {
		long jobs = exportJobs();

		HttpResponse<String> anonymous = this.http.request("POST", "/api/v1/admin/bundle-exports").send();
		HttpResponse<String> provider = this.http.request("POST", "/api/v1/admin/bundle-exports")
			.bearer(this.token)
			.send();

		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(HttpTester.json(anonymous).path("code").asString()).isEqualTo("UNAUTHORIZED");
		assertThat(provider.statusCode()).isEqualTo(403);
		assertThat(HttpTester.json(provider).path("code").asString()).isEqualTo("FORBIDDEN");
		assertThat(exportJobs()).isEqualTo(jobs);
	}

	@Test
	void dryRunOfAFolderThatDoesNotExistDoesNotCreateIt() {
		registeredWithLicenses("movie");
		Path folder = this.temp.resolve("never-created");

		ExportSummary summary = this.export.export(folder, true);

		assertThat(summary.written()).isEqualTo(activeRegistrations());
		assertThat(folder).doesNotExist();
	}

	@Test
	void invalidDryRunValueIsRefusedBeforeAnythingIsQueued() {
		long jobs = exportJobs();

		HttpResponse<String> refused = admin("POST", "/api/v1/admin/bundle-exports?dry_run=maybe");

		assertThat(refused.statusCode()).isEqualTo(400);
		assertThat(HttpTester.json(refused).path("code").asString()).isEqualTo("MALFORMED_REQUEST");
		assertThat(exportJobs()).isEqualTo(jobs);
	}

	@Test
	void exportIntoAFolderAnotherExportIsWritingIsRefused() throws Exception {
		Path folder = this.temp.resolve("busy").toAbsolutePath().normalize();
		try (Connection other = this.dataSource.getConnection();
				PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
			// The lock an export into that folder holds (BundleExport's key: class, path
			// hash).
			lock.setInt(1, 0x56424558);
			lock.setInt(2, folder.toString().hashCode());
			lock.execute();

			assertThatExceptionOfType(ExportBusyException.class).isThrownBy(() -> this.export.export(folder, false));
		}
		assertThat(this.export.export(folder, false).finished()).as("free again once the other one ended").isTrue();
	}

	@Test
	void exportBundlesCommandExportsOnceWithoutAWebServerAndExitsWithZero() throws IOException {
		GeneratedId id = registeredWithLicenses("movie");
		Path folder = this.temp.resolve("command");
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();

		int exitCode = VoucherApplication.runCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
				new PrintStream(err, true, StandardCharsets.UTF_8), "export-bundles", folder.toString(),
				"--spring.datasource.url=" + this.database.getJdbcUrl(),
				"--spring.datasource.username=" + this.database.getUsername(),
				"--spring.datasource.password=" + this.database.getPassword());

		assertThat(exitCode).as(err.toString(StandardCharsets.UTF_8)).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains(folder.toAbsolutePath().toString())
			.contains(activeRegistrations() + " written");
		assertThat(json.readTree(folder.resolve(id + ".json").toFile()))
			.isEqualTo(HttpTester.json(this.http.get(bundlePath(id))));
	}

	@Test
	void exportBundlesCommandWithTwoFoldersExitsWithUsageAndStartsNothing() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();

		int exitCode = VoucherApplication.runCommand(System.out, new PrintStream(err, true, StandardCharsets.UTF_8),
				"export-bundles", this.temp.resolve("a").toString(), this.temp.resolve("b").toString());

		assertThat(exitCode).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: voucher export-bundles");
		assertThat(this.temp.resolve("a")).doesNotExist();
	}

	/** A freshly registered device's generated ID whose bundle holds a license. */
	private GeneratedId registeredWithLicenses(String contentId) {
		GeneratedId id = GeneratedId.random();
		grant(id, contentId);
		HttpResponse<String> registered = register(manufacturer.newDevice().build(), id);
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		awaitBundle(id, (licenses) -> licenses.size() == 1);
		return id;
	}

	private void grant(GeneratedId id, String contentId) {
		HttpResponse<String> response = this.http.request("POST", "/api/v1/entitlements")
			.bearer(this.token)
			.json("{\"generated_id\": \"" + id + "\", \"content_id\": \"" + contentId
					+ "\", \"policy_name\": \"rental\"}")
			.send();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
	}

	private HttpResponse<String> register(TestDevice device, GeneratedId id) {
		return this.http.request("POST", "/device/v1/registrations")
			.json("{\"registration\": \"" + device.register(id, this.provider) + "\"}")
			.send();
	}

	private HttpResponse<String> admin(String method, String path) {
		return this.http.request(method, path).basic("root", ADMIN_PASSWORD).send();
	}

	private JsonNode awaitBundle(GeneratedId id, Predicate<JsonNode> done) {
		Instant deadline = Instant.now().plus(WAIT);
		while (true) {
			HttpResponse<String> response = this.http.get(bundlePath(id));
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			JsonNode bundle = HttpTester.json(response);
			if (done.test(bundle.path("licenses"))) {
				return bundle;
			}
			assertThat(Instant.now()).as("bundle of %s: %s", id, bundle).isBefore(deadline);
			pause();
		}
	}

	private JsonNode awaitJob(String jobId) {
		Instant deadline = Instant.now().plus(WAIT);
		while (true) {
			HttpResponse<String> response = admin("GET", "/api/v1/jobs/" + jobId);
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			JsonNode job = HttpTester.json(response);
			String status = job.path("status").asString();
			if (status.equals("SUCCEEDED") || status.equals("FAILED")) {
				return job;
			}
			assertThat(Instant.now()).as("job %s", job).isBefore(deadline);
			pause();
		}
	}

	private int activeRegistrations() {
		return this.jdbc.queryForObject("SELECT count(*) FROM registration WHERE status = 'ACTIVE'", Integer.class);
	}

	private long exportJobs() {
		return this.jdbc.queryForObject("SELECT count(*) FROM job WHERE kind = 'BUNDLE_EXPORT'", Long.class);
	}

	private static Map<String, Long> indexVersions(Path folder) {
		Map<String, Long> versions = new TreeMap<>();
		for (JsonNode entry : json.readTree(folder.resolve("index.json").toFile()).path("bundles")) {
			versions.put(entry.path("generated_id").asString(), entry.path("version").asLong());
		}
		return versions;
	}

	private static List<Path> bundleFiles(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.filter((file) -> !file.getFileName().toString().equals("index.json")).toList();
		}
	}

	/**
	 * Every file of a folder with its modification time; empty when there is no folder.
	 */
	private static Map<String, FileTime> snapshot(Path folder) throws IOException {
		Map<String, FileTime> files = new TreeMap<>();
		if (Files.isDirectory(folder)) {
			try (Stream<Path> listed = Files.list(folder)) {
				for (Path file : listed.toList()) {
					files.put(file.getFileName().toString(), Files.getLastModifiedTime(file));
				}
			}
		}
		return files;
	}

	private static Path configuredFolder() {
		return configuredRoot.resolve("exports").toAbsolutePath().normalize();
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
