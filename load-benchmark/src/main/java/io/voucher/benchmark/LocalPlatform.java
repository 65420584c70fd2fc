package io.voucher.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The platform started by the benchmark: the application jar with the given JVM options,
 * its embedded PostgreSQL, keys and log in a temporary folder outside the working tree,
 * deleted afterwards unless kept.
 */
final class LocalPlatform implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

	private final Path folder;

	private final Process process;

	private final int port;

	private final int databasePort;

	private final boolean keep;

	private final String metricsToken;

	private LocalPlatform(Path folder, Process process, int port, int databasePort, boolean keep, String metricsToken) {
		this.metricsToken = metricsToken;
		this.folder = folder;
		this.process = process;
		this.port = port;
		this.databasePort = databasePort;
		this.keep = keep;
	}

	static LocalPlatform start(Path jar, List<String> jvmOptions, String adminUser, String adminPassword, boolean keep)
			throws IOException, InterruptedException {
		Path folder = Files.createTempDirectory("voucher-bench-");
		int port = freePort();
		int databasePort = freePort();
		List<String> command = new ArrayList<>();
		command.add(LoadBenchmark.javaExecutable());
		command.addAll(jvmOptions);
		command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--server.port=" + port,
				"--voucher.database.embedded.port=" + databasePort, "--voucher.admin.initial-username=" + adminUser));
		ProcessBuilder builder = new ProcessBuilder(command).directory(folder.toFile())
			.redirectErrorStream(true)
			.redirectOutput(folder.resolve("voucher.log").toFile());
		// The password goes through the environment, never on a command line others can
		// read.
		builder.environment().put("VOUCHER_ADMIN_INITIAL_PASSWORD", adminPassword);
		String metricsToken = "bench-" + java.util.UUID.randomUUID();
		builder.environment().put("VOUCHER_METRICS_TOKEN", metricsToken);
		Process process = builder.start();
		LocalPlatform platform = new LocalPlatform(folder, process, port, databasePort, keep, metricsToken);
		try {
			platform.awaitUp();
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			platform.close();
			throw ex;
		}
		return platform;
	}

	URI url() {
		return URI.create("http://localhost:" + this.port);
	}

	String jdbcUrl() {
		return "jdbc:postgresql://localhost:" + this.databasePort + "/voucher";
	}

	/**
	 * The embedded PostgreSQL's generated password, which the platform keeps beside its
	 * data folder.
	 * @return the password of user {@code postgres}
	 * @throws IOException if it cannot be read
	 */
	String databasePassword() throws IOException {
		return Files.readString(this.folder.resolve("data").resolve("postgres.password")).trim();
	}

	String metricsToken() {
		return this.metricsToken;
	}

	long pid() {
		return this.process.pid();
	}

	Path folder() {
		return this.folder;
	}

	private void awaitUp() throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest health = HttpRequest.newBuilder(url().resolve("/actuator/health"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(
						"The platform stopped while starting; see " + this.folder.resolve("voucher.log"));
			}
			try {
				HttpResponse<String> response = client.send(health, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
					return;
				}
			}
			catch (IOException ex) {
				// Not listening yet.
			}
			Thread.sleep(500);
		}
		throw new IllegalStateException("The platform did not start within " + START_TIMEOUT.toSeconds() + " s; see "
				+ this.folder.resolve("voucher.log"));
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(60, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		if (this.keep) {
			System.out.println("Kept " + this.folder + " (database, keys, voucher.log)");
			return;
		}
		try (Stream<Path> files = Files.walk(this.folder)) {
			for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete " + this.folder, ex);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
