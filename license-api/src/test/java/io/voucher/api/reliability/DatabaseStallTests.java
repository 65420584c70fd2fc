package io.voucher.api.reliability;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.voucher.api.VoucherApplication;
import io.voucher.api.testing.HttpTester;
import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.pki.CertificatePem;
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
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database that stops answering without closing its connections (every PostgreSQL
 * process stopped with SIGSTOP, as a hung server or a silent network partition looks):
 * every kind of request is answered within the request timeouts, and the node serves
 * again, jobs included, once the database runs again, without a restart. The database is
 * the test's own embedded PostgreSQL.
 */
class DatabaseStallTests {

	/** What a caller may wait at most while the database is stalled. */
	static final Duration BOUND = Duration.ofSeconds(5);

	static final TestPki manufacturer = TestPki.create();

	static final String BASIC = "Basic cm9vdDpzdGFsbCBhZG1pbiBwYXNzd29yZA=="; // root:stall
																				// admin
																				// password

	@TempDir
	Path work;

	@Test
	void stalledDatabaseAnswers503WithinTheBoundForEveryKindOfRequestAndServiceComesBackWithoutRestart()
			throws Exception {
		int databasePort = freePort();
		Path dataDirectory = this.work.resolve("postgres");
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(dataDirectory)
			.setCleanDataDirectory(false)
			.setPort(databasePort)
			.start(); ConfigurableApplicationContext node = node(databasePort)) {
			String token = provider(node);
			HttpTester http = new HttpTester(port(node));
			GeneratedId registered = register(http, token);
			List<Callable<HttpResponse<String>>> kinds = requests(http, token, registered);
			for (Callable<HttpResponse<String>> kind : kinds) {
				assertThat(kind.call().statusCode()).as("before the stall").isBetween(200, 299);
			}

			List<Timed> duringStall;
			List<ProcessHandle> stopped = postgresProcesses(dataDirectory);
			signal("STOP", stopped);
			try {
				// Twice each kind, at once: some requests hold pooled connections, others
				// wait for one.
				List<Callable<HttpResponse<String>>> calls = new ArrayList<>(kinds);
				calls.addAll(kinds);
				duringStall = concurrently(calls);
			}
			finally {
				signal("CONT", stopped);
			}

			assertThat(stopped).as("postmaster and its backends").hasSizeGreaterThan(1);
			assertThat(duringStall).hasSize(8).allSatisfy((timed) -> {
				assertThat(timed.elapsed()).as(timed.response().uri().toString()).isLessThan(BOUND);
				assertThat(timed.response().statusCode()).as(timed.response().uri().toString()).isEqualTo(503);
			});
			assertThat(duringStall).filteredOn((timed) -> !isHealth(timed)).hasSize(6).allSatisfy((timed) -> {
				HttpResponse<String> response = timed.response();
				assertThat(response.headers().firstValue("Retry-After")).contains("5");
				assertThat(response.headers().firstValue("Content-Type")).contains("application/problem+json");
				assertThat(HttpTester.json(response).path("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
			});
			assertThat(duringStall).filteredOn(DatabaseStallTests::isHealth)
				.hasSize(2)
				.allSatisfy((timed) -> assertThat(HttpTester.json(timed.response()).path("status").asString())
					.isEqualTo("DOWN"));

			for (Callable<HttpResponse<String>> kind : kinds) {
				awaitSuccess(kind);
			}
			// Jobs run again: a new registration gets its license pre-generated.
			GeneratedId afterwards = register(http, token);
			Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
			while (HttpTester.json(http.get("/device/v1/registrations/" + afterwards + "/licenses"))
				.path("licenses")
				.isEmpty()) {
				assertThat(Instant.now()).as("pre-generation after the stall").isBefore(deadline);
				Thread.sleep(200);
			}
		}
	}

	private static boolean isHealth(Timed timed) {
		return timed.response().uri().getPath().startsWith("/actuator/health");
	}

	private List<Callable<HttpResponse<String>>> requests(HttpTester http, String token, GeneratedId registered) {
		Callable<HttpResponse<String>> onlineLicense = () -> {
			TestDevice device = manufacturer.newDevice().build();
			String challenge = device.challenge().contentId("movie").build();
			return http.request("POST", "/api/v1/licenses")
				.bearer(token)
				.json("{\"payload\": \"" + challenge + "\", \"provider\": \"stall\", \"policy_name\": \"p\"}")
				.send();
		};
		Callable<HttpResponse<String>> bundle = () -> http.get("/device/v1/registrations/" + registered + "/licenses");
		Callable<HttpResponse<String>> health = () -> http.get("/actuator/health");
		Callable<HttpResponse<String>> admin = () -> http.request("GET", "/api/v1/admin/providers")
			.header("Authorization", BASIC)
			.send();
		return List.of(onlineLicense, bundle, health, admin);
	}

	private static GeneratedId register(HttpTester http, String token) {
		GeneratedId id = GeneratedId.random();
		assertThat(http.request("POST", "/api/v1/entitlements")
			.bearer(token)
			.json("{\"generated_id\": \"" + id + "\", \"content_id\": \"movie\", \"policy_name\": \"p\"}")
			.send()
			.statusCode()).isEqualTo(201);
		assertThat(http.request("POST", "/device/v1/registrations")
			.json("{\"registration\": \"" + manufacturer.newDevice().build().register(id, "stall") + "\"}")
			.send()
			.statusCode()).isEqualTo(201);
		return id;
	}

	/**
	 * The postmaster (first line of {@code postmaster.pid}) and every process under it.
	 */
	private static List<ProcessHandle> postgresProcesses(Path dataDirectory) throws IOException {
		long postmaster = Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0).trim());
		ProcessHandle handle = ProcessHandle.of(postmaster).orElseThrow();
		List<ProcessHandle> processes = new ArrayList<>();
		processes.add(handle);
		handle.descendants().forEach(processes::add);
		return processes;
	}

	private static void signal(String signal, List<ProcessHandle> processes) throws Exception {
		List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
		processes.forEach((process) -> command.add(Long.toString(process.pid())));
		Process kill = new ProcessBuilder(command).redirectErrorStream(true).start();
		assertThat(kill.waitFor(30, TimeUnit.SECONDS)).isTrue();
		assertThat(kill.exitValue()).as(new String(kill.getInputStream().readAllBytes())).isZero();
	}

	private static List<Timed> concurrently(List<Callable<HttpResponse<String>>> calls) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(calls.size());
		try {
			List<Future<Timed>> futures = new ArrayList<>();
			for (Callable<HttpResponse<String>> call : calls) {
				futures.add(pool.submit(() -> {
					long start = System.nanoTime();
					HttpResponse<String> response = call.call();
					return new Timed(response, Duration.ofNanos(System.nanoTime() - start));
				}));
			}
			List<Timed> results = new ArrayList<>();
			for (Future<Timed> future : futures) {
				results.add(future.get(2, TimeUnit.MINUTES));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static void awaitSuccess(Callable<HttpResponse<String>> call) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
		while (true) {
			HttpResponse<String> response = call.call();
			if (response.statusCode() >= 200 && response.statusCode() < 300) {
				return;
			}
			assertThat(Instant.now()).as("recovery of " + response.uri() + ", last answer " + response.statusCode())
				.isBefore(deadline);
			Thread.sleep(200);
		}
	}

	private ConfigurableApplicationContext node(int databasePort) throws IOException {
		Path root = this.work.resolve("manufacturer-root.pem");
		Files.writeString(root, CertificatePem.encode(List.of(manufacturer.deviceCa().root())));
		return new SpringApplicationBuilder(VoucherApplication.class).run("--server.port=0",
				"--spring.datasource.url=jdbc:postgresql://localhost:" + databasePort + "/postgres",
				"--spring.datasource.username=postgres", "--spring.datasource.password=",
				"--spring.application.name=node-stall", "--voucher.keys.directory=" + this.work.resolve("keys"),
				"--voucher.jobs.polling-interval=200ms", "--voucher.licenses.trusted-roots[0]=" + root,
				"--voucher.admin.initial-username=root", "--voucher.admin.initial-password=stall admin password");
	}

	private static String provider(ConfigurableApplicationContext node) {
		ProviderService providers = node.getBean(ProviderService.class);
		var provider = providers.create("stall", "Stall");
		node.getBean(ContentService.class)
			.create(provider.id(), new ContentId("movie"), null, List.of(KeyRequest.generate(TrackType.SD)));
		node.getBean(PolicyService.class)
			.create(provider.id(), new PolicyName("p"), PlaybackPolicy.builder().canPlay(true).build(), Map.of());
		return providers.createCredential("stall", "backend").token();
	}

	private static int port(ConfigurableApplicationContext node) {
		return node.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	record Timed(HttpResponse<String> response, Duration elapsed) {
	}

}
