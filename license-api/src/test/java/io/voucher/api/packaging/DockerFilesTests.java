package io.voucher.api.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The files in {@code docker/} cannot be run on machines without a Docker engine, so they
 * are checked offline: the compose file by Debian's {@code docker-compose config}, the
 * Dockerfile for the properties it promises, the Prometheus and Grafana provisioning for
 * consistency with the compose file and with each other. That every metric the dashboard
 * queries is really exported is checked against a live scrape by {@code MetricsTests}.
 */
class DockerFilesTests {

	static final Path DOCKER = Path.of("..", "docker");

	@Test
	void composeFileIsValid() throws Exception {
		Path compose = DOCKER.resolve("compose.yaml");
		boolean installed = onPath("docker-compose");
		if (!installed && System.getenv("CI") != null) {
			throw new IllegalStateException("docker-compose is missing: .ci/run must install it");
		}
		assumeTrue(installed, "docker-compose is not installed (apt-get install docker-compose)");

		Process process = new ProcessBuilder("docker-compose", "-f", compose.toString(), "config", "-q")
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
	}

	@Test
	void composeRunsTheAppWithPostgresql17() throws IOException {
		String compose = Files.readString(DOCKER.resolve("compose.yaml"));

		assertThat(compose).contains("image: postgres:17")
			.contains("postgres-data:/var/lib/postgresql/data")
			.contains("SPRING_DATASOURCE_URL: jdbc:postgresql://postgres:5432/")
			.contains("condition: service_healthy");
	}

	@Test
	void dockerfileIsMultiStageLayeredNonRootWithHealthcheck() throws IOException {
		List<String> lines = Files.readAllLines(DOCKER.resolve("Dockerfile"));

		assertThat(lines.stream().filter((line) -> line.startsWith("FROM "))).hasSize(2);
		assertThat(lines).anyMatch((line) -> line.contains("extract --layers"))
			.anyMatch((line) -> line.startsWith("USER ") && !line.contains("root"))
			.anyMatch((line) -> line.startsWith("HEALTHCHECK "));
	}

	@Test
	void theAppKeepsItsDataFolderInAVolumeItsNonRootUserCanWrite() throws IOException {
		List<String> dockerfile = Files.readAllLines(DOCKER.resolve("Dockerfile"));
		Map<String, Object> voucher = services().get("voucher");

		// Development keys, exports and the initial admin password file are written to
		// data/ under the working folder: lost keys would void every license issued.
		assertThat(dockerfile).contains("WORKDIR /app")
			.anyMatch((line) -> line.startsWith("RUN ") && line.contains("chown voucher:voucher /app/data"));
		assertThat(strings(voucher.get("volumes"))).contains("voucher-data:/app/data");
	}

	@Test
	void composeRunsPrometheusScrapingTheAppAndGrafanaOnPinnedImages() throws IOException {
		Map<String, Map<String, Object>> services = services();
		Map<String, Object> prometheus = services.get("prometheus");
		Map<String, Object> grafana = services.get("grafana");

		assertThat(services).containsKeys("postgres", "voucher", "voucher-2", "proxy", "prometheus", "grafana");
		for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
			Object image = service.getValue().get("image");
			if (image != null) {
				assertThat(image.toString()).as(service.getKey())
					.matches("[a-z0-9./_-]+:[A-Za-z0-9._-]+")
					.doesNotEndWith(":latest");
			}
		}
		assertThat(prometheus.get("image").toString()).matches("prom/prometheus:v\\d+\\.\\d+\\.\\d+");
		assertThat(grafana.get("image").toString()).matches("grafana/grafana:\\d+\\.\\d+\\.\\d+");
		assertThat(strings(prometheus.get("volumes")))
			.contains("./prometheus/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
		assertThat(strings(prometheus.get("command"))).contains("--config.file=/etc/prometheus/prometheus.yml");
		assertThat(strings(grafana.get("volumes"))).contains("./grafana/provisioning:/etc/grafana/provisioning:ro",
				"./grafana/dashboards:/etc/grafana/dashboards:ro");
		// Neither has a sign-in worth the name by default: both stay on the loopback.
		assertThat(strings(prometheus.get("ports"))).allMatch((port) -> port.startsWith("127.0.0.1:"));
		assertThat(strings(grafana.get("ports"))).allMatch((port) -> port.startsWith("127.0.0.1:"));
	}

	@Test
	void grafanaAdminPasswordComesFromTheEnvironmentAndSignUpIsOff() throws IOException {
		@SuppressWarnings("unchecked")
		Map<String, Object> environment = (Map<String, Object>) services().get("grafana").get("environment");

		assertThat(environment.get("GF_SECURITY_ADMIN_PASSWORD").toString()).startsWith("${GRAFANA_ADMIN_PASSWORD");
		assertThat(environment.get("GF_USERS_ALLOW_SIGN_UP")).hasToString("false");
		assertThat(environment.get("GF_AUTH_ANONYMOUS_ENABLED")).hasToString("false");
		assertThat(Files.readString(DOCKER.resolve("README.md"))).contains("GRAFANA_ADMIN_PASSWORD");
	}

	@Test
	void prometheusScrapesTheVoucherServiceActuatorEndpoint() throws IOException {
		Map<String, Object> config = yaml(DOCKER.resolve("prometheus/prometheus.yml"));
		@SuppressWarnings("unchecked")
		Map<String, Object> job = ((List<Map<String, Object>>) config.get("scrape_configs")).get(0);
		@SuppressWarnings("unchecked")
		List<String> targets = (List<String>) ((List<Map<String, Object>>) job.get("static_configs")).get(0)
			.get("targets");
		Map<String, Object> voucherPorts = services().get("voucher");

		assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
		assertThat(targets).containsExactly("voucher:8080", "voucher-2:8080");
		// The metrics take the scrape token: the app and Prometheus get the same one.
		@SuppressWarnings("unchecked")
		Map<String, Object> authorization = (Map<String, Object>) job.get("authorization");
		assertThat(authorization).containsEntry("type", "Bearer");
		Map<String, Object> prometheus = services().get("prometheus");
		assertThat(String.join(" ", strings(prometheus.get("entrypoint"))))
			.contains("$$VOUCHER_METRICS_TOKEN\" > " + authorization.get("credentials_file"));
		@SuppressWarnings("unchecked")
		Map<String, Object> appEnvironment = (Map<String, Object>) voucherPorts.get("environment");
		@SuppressWarnings("unchecked")
		Map<String, Object> prometheusEnvironment = (Map<String, Object>) prometheus.get("environment");
		assertThat(appEnvironment.get("VOUCHER_METRICS_TOKEN")).isNotNull()
			.isEqualTo(prometheusEnvironment.get("VOUCHER_METRICS_TOKEN"));
		assertThat(services().get("voucher-2").get("environment")).isEqualTo(appEnvironment);
	}

	@Test
	@SuppressWarnings("unchecked")
	void twoNodesShareOneDatabaseAndTheirKeysBehindARoundRobinProxy() throws IOException {
		Map<String, Map<String, Object>> services = services();
		Map<String, Object> first = services.get("voucher");
		Map<String, Object> second = services.get("voucher-2");
		Map<String, Object> proxy = services.get("proxy");
		String haproxy = Files.readString(DOCKER.resolve("haproxy/haproxy.cfg"));

		assertThat(second.get("image")).isEqualTo(first.get("image"));
		assertThat(second.get("environment")).isEqualTo(first.get("environment"));
		assertThat(strings(second.get("volumes"))).isEqualTo(strings(first.get("volumes")));
		// The second node starts once the first made the keys they share.
		assertThat((Map<String, Object>) second.get("depends_on")).containsKey("voucher");
		// Only the proxy is published; the nodes are reached through it.
		assertThat(first).doesNotContainKey("ports");
		assertThat(second).doesNotContainKey("ports");
		assertThat(strings(proxy.get("ports"))).anyMatch((port) -> port.endsWith(":8080"));
		assertThat(strings(proxy.get("volumes")))
			.contains("./haproxy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro");
		assertThat(haproxy).contains("balance roundrobin", "server voucher-1 voucher:8080",
				"server voucher-2 voucher-2:8080", "option httpchk GET /actuator/health/readiness",
				"option forwardfor");
		// No sticky sessions: console sessions are shared through PostgreSQL.
		assertThat(haproxy).doesNotContain("cookie ").doesNotContain("balance source");
		// The nodes believe the proxy's X-Forwarded-For, and only the proxy's.
		String proxyAddress = ((Map<String, Map<String, Object>>) proxy.get("networks")).get("voucher")
			.get("ipv4_address")
			.toString();
		assertThat(((Map<String, Object>) first.get("environment")).get("VOUCHER_RATELIMITS_TRUSTEDPROXIES"))
			.hasToString(proxyAddress);
	}

	@Test
	void grafanaIsProvisionedWithThePrometheusDataSourceAndTheDashboard() throws IOException {
		Map<String, Object> sources = yaml(DOCKER.resolve("grafana/provisioning/datasources/prometheus.yaml"));
		@SuppressWarnings("unchecked")
		Map<String, Object> source = ((List<Map<String, Object>>) sources.get("datasources")).get(0);
		Map<String, Object> providers = yaml(DOCKER.resolve("grafana/provisioning/dashboards/voucher.yaml"));
		@SuppressWarnings("unchecked")
		Map<String, Object> provider = ((List<Map<String, Object>>) providers.get("providers")).get(0);
		JsonNode dashboard = GrafanaDashboard.read();
		Set<String> uids = new TreeSet<>();
		collectDataSourceUids(dashboard.path("panels"), uids);

		assertThat(source.get("type")).isEqualTo("prometheus");
		assertThat(source.get("url")).isEqualTo("http://prometheus:9090");
		assertThat(((Map<?, ?>) provider.get("options")).get("path")).isEqualTo("/etc/grafana/dashboards");
		assertThat(uids).containsExactly(source.get("uid").toString());
		assertThat(dashboard.path("uid").asString()).isNotBlank();
	}

	@Test
	void dashboardQueriesCoverEveryMetricFamily() {
		List<String> expressions = GrafanaDashboard.expressions(GrafanaDashboard.read());
		Set<String> names = new TreeSet<>();
		for (String expression : expressions) {
			assertThat(balanced(expression)).as(expression).isTrue();
			Set<String> named = GrafanaDashboard.metricNames(expression);
			assertThat(named).as(expression).isNotEmpty();
			names.addAll(named);
		}

		assertThat(names).contains("voucher_license_requests_seconds_count", "voucher_license_requests_seconds_bucket",
				"voucher_registrations_total", "voucher_pregeneration_jobs", "voucher_pregeneration_licenses_total",
				"voucher_pregeneration_runs_seconds_count", "voucher_bundle_downloads_total",
				"voucher_crypto_operations_seconds_bucket", "hikaricp_connections_active", "jvm_memory_used_bytes",
				"process_cpu_usage");
		assertThat(GrafanaDashboard.metricNames(
				"histogram_quantile(0.99, sum by (le) (rate(a_bucket{status!=\"OK\"}[$__rate_interval]))) / max(b)"))
			.containsExactly("a_bucket", "b");
	}

	private static void collectDataSourceUids(JsonNode panels, Set<String> uids) {
		for (JsonNode panel : panels) {
			if (panel.has("datasource")) {
				uids.add(panel.path("datasource").path("uid").asString());
			}
			for (JsonNode target : panel.path("targets")) {
				uids.add(target.path("datasource").path("uid").asString());
			}
			collectDataSourceUids(panel.path("panels"), uids);
		}
	}

	private static boolean balanced(String expression) {
		int depth = 0;
		for (char c : expression.toCharArray()) {
			depth += (c == '(') ? 1 : (c == ')') ? -1 : 0;
			if (depth < 0) {
				return false;
			}
		}
		return depth == 0;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> services() throws IOException {
		return (Map<String, Map<String, Object>>) yaml(DOCKER.resolve("compose.yaml")).get("services");
	}

	private static Map<String, Object> yaml(Path file) throws IOException {
		return new Yaml().load(Files.readString(file));
	}

	private static List<String> strings(Object list) {
		List<String> strings = new ArrayList<>();
		((List<?>) list).forEach((item) -> strings.add(item.toString()));
		return strings;
	}

	private static boolean onPath(String command) {
		String path = System.getenv("PATH");
		if (path == null) {
			return false;
		}
		for (String directory : path.split(":")) {
			if (Files.isExecutable(Path.of(directory, command))) {
				return true;
			}
		}
		return false;
	}

}
