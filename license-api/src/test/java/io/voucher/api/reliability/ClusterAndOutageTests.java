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
import io.voucher.domain.jobs.JobScheduler;
import io.voucher.domain.policy.PlaybackPolicy;
import io.voucher.domain.policy.PolicyName;
import io.voucher.domain.policy.PolicyService;
import io.voucher.domain.provider.ProviderService;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real application nodes on a PostgreSQL server of the test's own: two nodes sharing one
 * database, and one node whose database goes away and comes back.
 */
class ClusterAndOutageTests {

	static final TestPki manufacturer = TestPki.create();

	@TempDir
	Path work;

	@Test
	void twoNodesShareRegistrationsLicensesNoncesAndJobs() throws Exception {
		EmbeddedPostgres postgres = postgres(freePort());
		try (ConfigurableApplicationContext nodeA = node(postgres.getPort(), "a");
				ConfigurableApplicationContext nodeB = node(postgres.getPort(), "b")) {
			String token = provider(nodeA);
			HttpTester a = new HttpTester(port(nodeA));
			HttpTester b = new HttpTester(port(nodeB));
			TestDevice device = manufacturer.newDevice().build();
			String challenge = device.challenge().contentId("movie").build();
			String message = "{\"payload\": \"" + challenge + "\", \"provider\": \"cluster\", \"policy_name\": \"p\"}";

			JsonNode onA = HttpTester.json(a.request("POST", "/api/v1/licenses").bearer(token).json(message).send());
			JsonNode onB = HttpTester.json(b.request("POST", "/api/v1/licenses").bearer(token).json(message).send());

			assertThat(onA.path("status").asString()).as(onA.toString()).isEqualTo("OK");
			assertThat(onB.path("status").asString()).isEqualTo("CHALLENGE_REPLAYED");

			List<GeneratedId> ids = new ArrayList<>();
			for (int i = 0; i < 12; i++) {
				HttpTester node = (i % 2 == 0) ? a : b;
				GeneratedId id = GeneratedId.random();
				ids.add(id);
				assertThat(node.request("POST", "/api/v1/entitlements")
					.bearer(token)
					.json("{\"generated_id\": \"" + id + "\", \"content_id\": \"movie\", \"policy_name\": \"p\"}")
					.send()
					.statusCode()).isEqualTo(201);
				assertThat(node.request("POST", "/device/v1/registrations")
					.json("{\"registration\": \"" + manufacturer.newDevice().build().register(id, "cluster") + "\"}")
					.send()
					.statusCode()).isEqualTo(201);
			}
			JdbcTemplate jdbc = nodeA.getBean(JdbcTemplate.class);
			awaitCount(jdbc, "SELECT count(*) FROM pregenerated_license WHERE withdrawn_at IS NULL", 12);
			awaitCount(jdbc, "SELECT CASE WHEN EXISTS (SELECT 1 FROM job WHERE status IN ('QUEUED', 'RUNNING')) "
					+ "THEN 0 ELSE 1 END", 1);

			assertThat(jdbc.queryForObject("SELECT count(*) FROM pregenerated_license WHERE withdrawn_at IS NULL",
					Long.class))
				.as("one current license per registration")
				.isEqualTo(12);
			assertThat(jdbc.queryForObject("SELECT count(*) FROM pregenerated_license", Long.class))
				.as("none made twice")
				.isEqualTo(12);
			assertThat(jdbc.queryForList("SELECT status FROM job WHERE kind = 'PREGENERATION'", String.class))
				.isNotEmpty()
				.containsOnly("SUCCEEDED");
			assertThat(jdbc.queryForObject("SELECT max(attempts) FROM job", Integer.class)).as("every job ran once")
				.isEqualTo(1);
			for (GeneratedId id : ids) {
				assertThat(HttpTester.json(b.get("/device/v1/registrations/" + id + "/licenses")).path("licenses"))
					.hasSize(1);
			}
		}
		finally {
			postgres.close();
		}
	}

	@Test
	void databaseOutageAnswers503WithRetryAfterAndRecoversWithoutRestart() throws Exception {
		int databasePort = freePort();
		EmbeddedPostgres postgres = postgres(databasePort);
		try (ConfigurableApplicationContext node = node(databasePort, "outage")) {
			String token = provider(node);
			HttpTester http = new HttpTester(port(node));
			assertThat(http.request("POST", "/api/v1/policies")
				.bearer(token)
				.json("{\"name\": \"kept\"}")
				.send()
				.statusCode()).isEqualTo(201);

			postgres.close();
			List<HttpResponse<String>> duringOutage = concurrently(8,
					() -> http.request("GET", "/api/v1/policies").bearer(token).send());
			HttpResponse<String> admin = http.request("GET", "/api/v1/admin/providers")
				.header("Authorization", "Basic cm9vdDpjbHVzdGVyIGFkbWluIHBhc3N3b3Jk")
				.send();

			postgres = postgres(databasePort);
			HttpResponse<String> recovered = awaitStatus(http, token, 200);

			assertThat(duringOutage).allSatisfy((response) -> {
				assertThat(response.statusCode()).isEqualTo(503);
				assertThat(response.headers().firstValue("Retry-After")).contains("5");
				assertThat(HttpTester.json(response).path("code").asString()).isEqualTo("SERVICE_UNAVAILABLE");
			});
			assertThat(admin.statusCode()).isEqualTo(503);
			assertThat(HttpTester.json(recovered).path("items").findValuesAsString("name")).contains("kept");
		}
		finally {
			postgres.close();
		}
	}

	@Test
	void jobOfACrashedNodeIsRevivedAndFinishedByAnotherWithNothingMadeTwice() throws Exception {
		EmbeddedPostgres postgres = postgres(freePort());
		try (ConfigurableApplicationContext node = node(postgres.getPort(), "survivor")) {
			String token = provider(node);
			HttpTester http = new HttpTester(port(node));
			JobScheduler scheduler = node.getBean(JobScheduler.class);
			JdbcTemplate jdbc = node.getBean(JdbcTemplate.class);
			scheduler.stop();
			for (int i = 0; i < 3; i++) {
				GeneratedId id = GeneratedId.random();
				http.request("POST", "/api/v1/entitlements")
					.bearer(token)
					.json("{\"generated_id\": \"" + id + "\", \"content_id\": \"movie\", \"policy_name\": \"p\"}")
					.send();
				http.request("POST", "/device/v1/registrations")
					.json("{\"registration\": \"" + manufacturer.newDevice().build().register(id, "cluster") + "\"}")
					.send();
			}

			// What a node that picked the jobs and died leaves behind: executions picked
			// by it,
			// its heartbeat stopped long ago, the jobs marked running.
			int picked = jdbc.update("UPDATE scheduled_tasks SET picked = true, picked_by = 'crashed-node', "
					+ "last_heartbeat = now() - interval '1 hour', version = version + 1 WHERE task_name = 'voucher-job'");
			jdbc.update("UPDATE job SET status = 'RUNNING', attempts = 1, started_at = now() WHERE status = 'QUEUED'");
			scheduler.start();
			awaitCount(jdbc, "SELECT count(*) FROM pregenerated_license WHERE withdrawn_at IS NULL", 3);
			awaitCount(jdbc,
					"SELECT CASE WHEN EXISTS (SELECT 1 FROM job WHERE status <> 'SUCCEEDED') THEN 0 ELSE 1 END", 1);

			assertThat(picked).isPositive();
			assertThat(jdbc.queryForObject("SELECT count(*) FROM pregenerated_license", Long.class))
				.as("none made twice")
				.isEqualTo(3);
			assertThat(jdbc.queryForList("SELECT attempts FROM job", Integer.class)).as("each revived once")
				.containsOnly(2);
		}
		finally {
			postgres.close();
		}
	}

	@Test
	void gracefulShutdownFinishesTheRequestInFlight() throws Exception {
		EmbeddedPostgres postgres = postgres(freePort());
		try {
			// The request in flight waits on a row lock for as long as the test holds it:
			// longer than the default request lock timeout on a busy machine.
			ConfigurableApplicationContext node = node(postgres.getPort(), "stopping",
					"--voucher.database.timeouts.requests.lock=1m", "--voucher.database.timeouts.requests.statement=1m",
					"--voucher.database.timeouts.requests.socket=2m");
			String token = provider(node);
			HttpTester http = new HttpTester(port(node));
			GeneratedId id = GeneratedId.random();
			http.request("POST", "/device/v1/registrations")
				.json("{\"registration\": \"" + manufacturer.newDevice().build().register(id, "cluster") + "\"}")
				.send();
			javax.sql.DataSource dataSource = node.getBean(javax.sql.DataSource.class);
			ExecutorService pool = Executors.newFixedThreadPool(2);
			try (java.sql.Connection blocker = java.sql.DriverManager
				.getConnection("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres", "postgres", "")) {
				blocker.setAutoCommit(false);
				blocker.createStatement()
					.execute("SELECT 1 FROM registration WHERE generated_id = '" + id + "' FOR UPDATE");
				// The transfer waits on the registration's row lock: a request in flight.
				Future<HttpResponse<String>> inFlight = pool
					.submit(() -> http.request("POST", "/api/v1/registrations/" + id + "/transfer")
						.bearer(token)
						.json("{\"to_generated_id\": \"" + GeneratedId.random() + "\"}")
						.send());
				awaitCount(new JdbcTemplate(dataSource),
						"SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'", 1);
				Future<?> closing = pool.submit(node::close);
				Thread.sleep(500);
				assertThat(closing).as("the node waits for the request in flight").isNotDone();
				blocker.rollback();

				assertThat(inFlight.get(1, TimeUnit.MINUTES).statusCode()).isEqualTo(200);
				closing.get(1, TimeUnit.MINUTES);
			}
			finally {
				pool.shutdownNow();
			}
			assertThat(node.isActive()).isFalse();
		}
		finally {
			postgres.close();
		}
	}

	private EmbeddedPostgres postgres(int port) throws IOException {
		return EmbeddedPostgres.builder()
			.setDataDirectory(this.work.resolve("postgres"))
			.setCleanDataDirectory(false)
			.setPort(port)
			.start();
	}

	private ConfigurableApplicationContext node(int databasePort, String name, String... more) throws IOException {
		Path root = this.work.resolve("manufacturer-root.pem");
		Files.writeString(root, CertificatePem.encode(List.of(manufacturer.deviceCa().root())));
		List<String> arguments = new ArrayList<>(List.of("--server.port=0",
				"--spring.datasource.url=jdbc:postgresql://localhost:" + databasePort + "/postgres",
				"--spring.datasource.username=postgres", "--spring.datasource.password=",
				"--spring.datasource.hikari.connection-timeout=1000", "--spring.application.name=node-" + name,
				"--voucher.keys.directory=" + this.work.resolve("keys"), "--voucher.jobs.polling-interval=200ms",
				"--voucher.jobs.heartbeat-interval=1s", "--voucher.licenses.trusted-roots[0]=" + root,
				"--voucher.admin.initial-username=root", "--voucher.admin.initial-password=cluster admin password"));
		arguments.addAll(List.of(more));
		return new SpringApplicationBuilder(VoucherApplication.class).run(arguments.toArray(String[]::new));
	}

	private static String provider(ConfigurableApplicationContext node) {
		ProviderService providers = node.getBean(ProviderService.class);
		if (node.getBean(JdbcTemplate.class)
			.queryForObject("SELECT count(*) FROM provider WHERE name = 'cluster'", Long.class) == 0) {
			var provider = providers.create("cluster", "Cluster");
			node.getBean(ContentService.class)
				.create(provider.id(), new ContentId("movie"), null, List.of(KeyRequest.generate(TrackType.SD)));
			node.getBean(PolicyService.class)
				.create(provider.id(), new PolicyName("p"), PlaybackPolicy.builder().canPlay(true).build(), Map.of());
		}
		return providers.createCredential("cluster", "backend").token();
	}

	private static int port(ConfigurableApplicationContext node) {
		return node.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static List<HttpResponse<String>> concurrently(int count,
			java.util.concurrent.Callable<HttpResponse<String>> call) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(count);
		try {
			List<Future<HttpResponse<String>>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				futures.add(pool.submit(call));
			}
			List<HttpResponse<String>> responses = new ArrayList<>();
			for (Future<HttpResponse<String>> future : futures) {
				// Bounds the test only: a pile-up would show as a hang here.
				responses.add(future.get(2, TimeUnit.MINUTES));
			}
			return responses;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private static HttpResponse<String> awaitStatus(HttpTester http, String token, int status)
			throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
		while (true) {
			HttpResponse<String> response = http.request("GET", "/api/v1/policies").bearer(token).send();
			if (response.statusCode() == status) {
				return response;
			}
			assertThat(Instant.now()).as("recovery, last answer " + response.statusCode()).isBefore(deadline);
			Thread.sleep(200);
		}
	}

	private static void awaitCount(JdbcTemplate jdbc, String sql, long expected) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
		while (jdbc.queryForObject(sql, Long.class) < expected) {
			assertThat(Instant.now()).as(sql).isBefore(deadline);
			Thread.sleep(200);
		}
	}

}
