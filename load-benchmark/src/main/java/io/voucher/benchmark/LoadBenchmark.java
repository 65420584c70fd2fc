package io.voucher.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.voucher.benchmark.BenchmarkOptions.UsageException;
import org.jspecify.annotations.Nullable;

/**
 * Runs the online license load benchmark: the crypto floor first, then the platform
 * (started here or targeted), its setup, and the timed phases (warm-up, saturation, fixed
 * rates), and prints the results with the targets. See docs/load-benchmark.md.
 */
public final class LoadBenchmark {

	static final String PROVIDER = "bench";

	static final String POLICY = "bench-rental";

	static final String CONTENT_ID = "bench-movie";

	static final long RENTAL_SECONDS = 172_800;

	/**
	 * Challenges are prepared for a saturation phase at up to this multiple of the floor.
	 */
	private static final double SATURATION_HEADROOM = 1.2;

	private static final double TARGET_RATIO = 0.60;

	private static final long TARGET_P99_MILLIS = 50;

	private static final double TARGET_HEAP_MB = 512;

	private final BenchmarkOptions options;

	private final List<PhaseResult> results = new ArrayList<>();

	private long platformPid = -1;

	/** The platform's metrics scrape token: the given one, or the started platform's. */
	private @Nullable String metricsToken;

	private DatabaseStatistics database = new DatabaseStatistics(null, "", "");

	private LoadBenchmark(BenchmarkOptions options) {
		this.options = options;
		this.metricsToken = options.metricsToken();
	}

	public static void main(String[] args) throws Exception {
		BenchmarkOptions options;
		try {
			options = BenchmarkOptions.parse(args);
		}
		catch (UsageException ex) {
			if (ex.getMessage() != null) {
				System.err.println(ex.getMessage());
			}
			System.err.print(BenchmarkOptions.USAGE);
			System.exit((ex.getMessage() != null) ? 2 : 0);
			return;
		}
		boolean met = new LoadBenchmark(options).run();
		System.exit(met ? 0 : 1);
	}

	static String javaExecutable() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private boolean run() throws Exception {
		log("Machine: %d processors, %s, load average %s", Runtime.getRuntime().availableProcessors(),
				System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"), loadAverage());
		int floorThreads = (this.options.floorThreads() > 0) ? this.options.floorThreads()
				: Runtime.getRuntime().availableProcessors();
		Map<DeviceMode, Floor> floors = new EnumMap<>(DeviceMode.class);
		for (DeviceMode mode : this.options.modes()) {
			log("Crypto floor (%s devices%s): %d threads, JVM options %s, %d s warm-up + %d s...", mode.label(),
					(mode == DeviceMode.COLD) ? ", every chain validated" : "", floorThreads,
					String.join(" ", this.options.jvmOptions()), this.options.floorWarmUp().toSeconds(),
					this.options.floorMeasure().toSeconds());
			String floorLoad = loadAverage();
			double[] floorResult = cryptoFloor(floorThreads, mode);
			Floor floor = new Floor(floorResult[0], floorResult[1], floorLoad);
			floors.put(mode, floor);
			log("Crypto floor (%s devices): %.0f licenses/s, %.0f µs of processor time per license (load average %s)",
					mode.label(), floor.rate(), floor.cpuMicros(), floorLoad);
		}

		LocalPlatform local = null;
		try {
			URI url = this.options.url();
			String jdbcUrl = this.options.jdbcUrl();
			if (url == null) {
				Path jar = (this.options.jar() != null) ? this.options.jar() : findJar();
				log("Starting %s with %s (embedded PostgreSQL in a temporary folder)...", jar,
						String.join(" ", this.options.jvmOptions()));
				List<String> platformOptions = new ArrayList<>(this.options.jvmOptions());
				if (this.options.profile()) {
					// Spring's filter chains are deeper than JFR's default 64 frames:
					// without
					// this, the outer steps of a request are cut off the recorded stacks.
					platformOptions.add("-XX:FlightRecorderOptions:stackdepth=256");
				}
				local = LocalPlatform.start(jar, platformOptions, this.options.adminUser(),
						this.options.adminPassword(), this.options.keep() || this.options.profile());
				url = local.url();
				jdbcUrl = local.jdbcUrl();
				this.platformPid = local.pid();
				this.metricsToken = local.metricsToken();
				log("Platform up at %s (pid %d, folder %s)", url, local.pid(), local.folder());
			}
			log("Making %d simulated P-256 devices...", this.options.devices());
			DeviceFleet fleet = DeviceFleet.create(this.options.devices());
			String token = new PlatformSetup(url, this.options.adminUser(), this.options.adminPassword())
				.run(fleet.rootPem());
			log("Platform set up: provider '%s', policy '%s', content '%s' (AUDIO, SD, HD keys), manufacturer root "
					+ "trusted", PROVIDER, POLICY, CONTENT_ID);
			this.database = (local != null) ? new DatabaseStatistics(jdbcUrl, "postgres", local.databasePassword())
					: new DatabaseStatistics(jdbcUrl, this.options.jdbcUser(), this.options.jdbcPassword());
			CpuAccounting cpu = (local != null) ? new CpuAccounting(local.pid(), local.folder().toString())
					: new CpuAccounting(-1, null);

			int concurrency = this.options.concurrency();
			double warmFloor = floors.values().iterator().next().rate();
			int warmUpPerSecond = (int) Math.ceil(Math.max(warmFloor, 500) * SATURATION_HEADROOM);
			runPhase("warm-up", DeviceMode.WARM, url, token, fleet, cpu, 0, concurrency, this.options.warmUp(),
					warmUpPerSecond, null, true);
			Path recording = (local != null && this.options.profile()) ? local.folder().resolve("saturation.jfr")
					: null;
			Map<DeviceMode, PhaseResult> saturations = new EnumMap<>(DeviceMode.class);
			for (DeviceMode mode : this.options.modes()) {
				int perSecond = (int) Math.ceil(Math.max(floors.get(mode).rate(), 500) * SATURATION_HEADROOM);
				// The profile covers the first mode's saturation only.
				Path modeRecording = (local != null && saturations.isEmpty()) ? recording : null;
				PhaseResult saturation = runPhase(mode.label() + " saturation", mode, url, token, fleet, cpu, 0,
						concurrency, this.options.saturation(), perSecond, modeRecording, false);
				saturations.put(mode, saturation);
				double saturated = saturation.okPerSecond();
				for (double fraction : this.options.fixedRates()) {
					double rate = Math.max(1, Math.round(saturated * fraction));
					runPhase(String.format(Locale.ROOT, "%s %.0f %% of saturation", mode.label(), fraction * 100), mode,
							url, token, fleet, cpu, rate, 0, this.options.fixedRate(), (int) Math.ceil(rate), null,
							false);
				}
			}
			long ok = this.results.stream().mapToLong(PhaseResult::ok).sum();
			long errors = this.results.stream().mapToLong(PhaseResult::errors).sum();
			Long recorded = (jdbcUrl != null) ? this.database.count("SELECT count(*) FROM issued_license") : null;
			boolean met = report(floors, saturations, ok, errors, recorded);
			if (recording != null && Files.exists(recording)) {
				String summary = ProfileSummary.summarise(recording);
				Files.writeString(recording.resolveSibling("saturation-profile.txt"), summary);
				System.out.println();
				System.out.println(summary);
				System.out.println("Recording: " + recording);
			}
			return met;
		}
		finally {
			if (local != null) {
				local.close();
			}
		}
	}

	private static String body(String challenge) {
		return "{\"payload\":\"" + challenge + "\",\"provider\":\"" + PROVIDER + "\",\"policy_name\":\"" + POLICY
				+ "\",\"allowed_track_types\":\"SD_HD\"}";
	}

	private PhaseResult runPhase(String name, DeviceMode mode, URI url, String token, DeviceFleet fleet,
			CpuAccounting cpu, double rate, int concurrency, Duration duration, int bodiesPerSecond,
			@Nullable Path recording, boolean signAsSent) throws Exception {
		int count = (int) Math.min(Integer.MAX_VALUE - 8, (long) bodiesPerSecond * duration.toSeconds() + 64);
		long start = System.nanoTime();
		List<String> bodies;
		if (signAsSent) {
			// Unmeasured: each challenge is signed when the feeder asks for it.
			bodies = new AbstractList<>() {
				@Override
				public String get(int index) {
					return body(fleet.challenge(CONTENT_ID));
				}

				@Override
				public int size() {
					return count;
				}
			};
		}
		else {
			bodies = new ArrayList<>(count);
			List<String> challenges = (mode == DeviceMode.COLD) ? fleet.freshChallenges(count, CONTENT_ID)
					: fleet.challenges(count, CONTENT_ID);
			for (String challenge : challenges) {
				bodies.add(body(challenge));
			}
		}
		log("Phase '%s': %s; %s for %d s (load average %s)", name,
				signAsSent ? "challenges signed as they are sent"
						: String.format(Locale.ROOT, "%d challenges %sprepared in %.1f s", count,
								(mode == DeviceMode.COLD) ? "from as many new devices " : "",
								(System.nanoTime() - start) / 1e9),
				(rate > 0) ? String.format(Locale.ROOT, "%.0f requests/s", rate) : concurrency + " concurrent requests",
				duration.toSeconds(), loadAverage());
		LatencyRecorder recorder = new LatencyRecorder();
		Phase.setCurrent(new Phase(name, url.toString(), token, rate, concurrency, duration, bodies, recorder));
		Path results = Files.createTempDirectory("voucher-bench-gatling-");
		String loadBefore = loadAverage();
		if (recording != null) {
			jcmd("JFR.start", "name=saturation", "settings=profile", "filename=" + recording);
		}
		DatabaseStatistics.Counters databaseStart = this.database.read();
		CpuAccounting.Snapshot cpuStart = CpuAccounting.available() ? cpu.snapshot() : null;
		int status;
		try (ServerMetrics metrics = new ServerMetrics(url, this.metricsToken)) {
			status = io.gatling.app.Gatling$.MODULE$
				.fromArgs(new String[] { "--simulation", LicenseSimulation.class.getName(), "--results-folder",
						results.toString(), "--no-reports", "--run-description", name });
			CpuAccounting.Usage usage = (cpuStart != null) ? cpu.snapshot().since(cpuStart) : null;
			if (recording != null) {
				jcmd("JFR.stop", "name=saturation");
			}
			String loadAfter = loadAverage();
			metrics.close();
			DatabaseStatistics.Counters databaseEnd = this.database.read();
			DatabaseStatistics.PerLicense perLicense = (databaseStart != null && databaseEnd != null)
					? databaseEnd.since(databaseStart, recorder.ok() + recorder.errors()) : null;
			PhaseResult result = new PhaseResult(name, mode, rate, recorder.okThroughput(), recorder.ok(),
					recorder.errors(), recorder.percentile(50), recorder.percentile(90), recorder.percentile(99),
					recorder.percentile(99.9), recorder.percentile(100), usage, metrics.meanCpu(),
					metrics.maxHeapUsedMb(), metrics.maxOldGenMb(), metrics.heapLimitMb(), perLicense,
					loadBefore + " → " + loadAfter);
			this.results.add(result);
			log("Phase '%s' done (Gatling status %d): %.0f OK/s, %d OK, %d errors, p50 %d ms, p99 %d ms, p99.9 %d ms",
					name, status, result.okPerSecond(), result.ok(), result.errors(), result.p50(), result.p99(),
					result.p999(), result.max());
			return result;
		}
		finally {
			Phase.setCurrent(null);
			deleteTree(results);
		}
	}

	private boolean report(Map<DeviceMode, Floor> floors, Map<DeviceMode, PhaseResult> saturations, long ok,
			long errors, @Nullable Long recorded) {
		StringBuilder out = new StringBuilder();
		out.append(String.format("%n## Results%n%n"));
		out.append("| phase | target rate/s | licenses/s (OK) | OK | errors | p50 ms | p90 ms | p99 ms | p99.9 ms "
				+ "| max ms | platform JVM cores | PostgreSQL cores | load generator cores | rest of machine cores "
				+ "| platform CPU ms/license | PostgreSQL CPU ms/license "
				+ "| heap max used MB | old generation max MB | load average |\n");
		out.append("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
		for (PhaseResult result : this.results) {
			CpuAccounting.Usage usage = result.cpu();
			out.append(String.format(Locale.ROOT,
					"| %s | %s | %.0f | %d | %d | %d | %d | %d | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n",
					result.name(), (result.rate() > 0) ? String.format(Locale.ROOT, "%.0f", result.rate()) : "—",
					result.okPerSecond(), result.ok(), result.errors(), result.p50(), result.p90(), result.p99(),
					result.p999(), result.max(), cores(usage, result.jvmCpu()),
					(usage != null && usage.postgres() > 0) ? fmt(usage.postgres()) : "—",
					(usage != null) ? fmt(usage.loadGenerator()) : "—", (usage != null) ? fmt(usage.others()) : "—",
					(usage != null) ? fmt(usage.millisPer(usage.platform(), result.ok())) : "—",
					(usage != null && usage.postgres() > 0) ? fmt(usage.millisPer(usage.postgres(), result.ok())) : "—",
					result.heapMaxUsedMb().map(LoadBenchmark::fmt0).orElse("—"),
					result.oldGenMb().map(LoadBenchmark::fmt0).orElse("—"), result.loadAverage()));
		}
		if (this.results.stream().anyMatch((result) -> result.database() != null)) {
			out.append(String.format("%nDatabase work per request (pg_stat_database)%n%n"));
			out.append("| phase | commits | rows returned (scans) | rows fetched (index) | rows inserted "
					+ "| table scans (sequential + index) |\n");
			out.append("|---|---|---|---|---|---|\n");
			for (PhaseResult result : this.results) {
				DatabaseStatistics.PerLicense database = result.database();
				if (database != null) {
					StringBuilder scans = new StringBuilder();
					database.scans()
						.forEach((table, count) -> scans.append((scans.length() > 0) ? ", " : "")
							.append(String.format(Locale.ROOT, "%s %.2f", table, count)));
					out.append(String.format(Locale.ROOT, "| %s | %.2f | %.1f | %.1f | %.2f | %s |%n", result.name(),
							database.commits(), database.returned(), database.fetched(), database.inserted(), scans));
				}
			}
		}
		double heapMax = this.results.stream()
			.map(PhaseResult::heapMaxUsedMb)
			.flatMap(Optional::stream)
			.mapToDouble(Double::doubleValue)
			.max()
			.orElse(-1);
		double heapLimit = this.results.stream()
			.map(PhaseResult::heapLimitMb)
			.flatMap(Optional::stream)
			.mapToDouble(Double::doubleValue)
			.max()
			.orElse(-1);
		boolean errorsMet = errors == 0;
		boolean recordedMet = recorded != null && recorded == ok;
		boolean heapMet = heapMax >= 0 && heapMax <= TARGET_HEAP_MB;
		out.append(String.format("%n## Against the targets%n%n"));
		out.append("| measure | value | target | met |\n|---|---|---|---|\n");
		boolean ratioMet = true;
		boolean p99Met = true;
		for (Map.Entry<DeviceMode, PhaseResult> entry : saturations.entrySet()) {
			DeviceMode mode = entry.getKey();
			PhaseResult saturation = entry.getValue();
			Floor floor = floors.get(mode);
			String devices = mode.label() + " devices";
			double ratio = saturation.okPerSecond() / floor.rate();
			PhaseResult half = this.results.stream()
				.filter((result) -> result.mode() == mode && result.rate() > 0
						&& Math.abs(result.rate() - Math.round(saturation.okPerSecond() * 0.5)) < 1.0)
				.findFirst()
				.orElse(null);
			boolean modeRatioMet = ratio >= TARGET_RATIO;
			boolean modeP99Met = half != null && half.p99() >= 0 && half.p99() <= TARGET_P99_MILLIS;
			ratioMet &= modeRatioMet;
			p99Met &= modeP99Met;
			out.append(String.format(Locale.ROOT,
					"| %s: crypto floor (in-process, same JVM options%s) | %.0f licenses/s (load average %s) | — | — |%n",
					devices, (mode == DeviceMode.COLD) ? ", every chain validated" : "", floor.rate(), floor.load()));
			out.append(String.format(Locale.ROOT, "| %s: online licenses at saturation | %.0f licenses/s | — | — |%n",
					devices, saturation.okPerSecond()));
			out.append(String.format(Locale.ROOT, "| %s: saturation / floor | %.1f %% | ≥ 60 %% | %s |%n", devices,
					ratio * 100, yes(modeRatioMet)));
			CpuAccounting.Usage saturationCpu = saturation.cpu();
			if (saturationCpu != null && saturationCpu.platform() > 0) {
				double platformMicros = saturationCpu.millisPer(saturationCpu.platform(), saturation.ok()) * 1000;
				double postgresMicros = saturationCpu.millisPer(saturationCpu.postgres(), saturation.ok()) * 1000;
				out.append(String.format(Locale.ROOT,
						"| %s: processor time per license: floor / (platform JVM + PostgreSQL), at saturation "
								+ "| %.0f / (%.0f + %.0f) µs = %.1f %% | (less disturbed by other load) | — |%n",
						devices, floor.cpuMicros(), platformMicros, postgresMicros,
						100 * floor.cpuMicros() / (platformMicros + postgresMicros)));
			}
			out.append(
					String
						.format(Locale.ROOT, "| %s: p99 at half the saturation rate | %s | ≤ 50 ms | %s |%n", devices,
								(half != null) ? half.p99() + " ms (p50 " + half.p50() + ", p99.9 " + half.p999() + ")"
										: "not measured (--rates without 0.5)",
								(half != null) ? yes(modeP99Met) : "—"));
		}
		out.append(String.format(Locale.ROOT, "| errors (non-200 or status ≠ OK), all phases | %d of %d | 0 | %s |%n",
				errors, ok + errors, yes(errorsMet)));
		out.append(String.format(Locale.ROOT, "| issued_license rows vs OK answers | %s vs %d | equal | %s |%n",
				(recorded != null) ? recorded.toString() : "not counted (no --jdbc-url)", ok,
				(recorded != null) ? yes(recordedMet) : "—"));
		out.append(String.format(Locale.ROOT, "| platform heap, max used (limit %s MB) | %s MB | ≤ 512 MB | %s |%n",
				(heapLimit > 0) ? fmt0(heapLimit) : "?", (heapMax >= 0) ? fmt0(heapMax) : "not read",
				(heapMax >= 0) ? yes(heapMet) : "—"));
		System.out.println(out);
		return ratioMet && p99Met && errorsMet && recordedMet && heapMet;
	}

	private static String cores(CpuAccounting.@Nullable Usage usage, Optional<Double> jvmCpu) {
		if (usage != null && usage.platform() > 0) {
			return fmt(usage.platform());
		}
		return jvmCpu.map((share) -> fmt(share * Runtime.getRuntime().availableProcessors())).orElse("—");
	}

	private static String yes(boolean met) {
		return met ? "yes" : "**no**";
	}

	private static String fmt(double value) {
		return String.format(Locale.ROOT, "%.2f", value);
	}

	private static String fmt0(double value) {
		return String.format(Locale.ROOT, "%.0f", value);
	}

	private double[] cryptoFloor(int threads, DeviceMode mode) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(javaExecutable());
		command.addAll(this.options.jvmOptions());
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), CryptoFloor.class.getName(),
				Integer.toString(threads), Long.toString(this.options.floorWarmUp().toSeconds()),
				Long.toString(this.options.floorMeasure().toSeconds()), "1000", mode.label()));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		double[] floor = null;
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				if (line.startsWith("FLOOR ")) {
					String[] fields = line.split(" ");
					floor = new double[] { Double.parseDouble(fields[1]), Double.parseDouble(fields[3]) };
				}
				else {
					System.out.println("  floor: " + line);
				}
			}
		}
		if (process.waitFor() != 0 || floor == null) {
			throw new IllegalStateException("The crypto floor measurement failed");
		}
		return floor;
	}

	private void jcmd(String... arguments) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString());
		command.add(Long.toString(platformPid()));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			log("jcmd %s failed: %s", String.join(" ", arguments), output.trim());
		}
	}

	private long platformPid() {
		return this.platformPid;
	}

	private static Path findJar() throws IOException {
		try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("license-api", "target"),
				"license-api-*.jar")) {
			for (Path jar : jars) {
				if (!jar.getFileName().toString().endsWith("-tests.jar")) {
					return jar;
				}
			}
		}
		throw new IllegalStateException("No license-api/target/license-api-*.jar: build first (./voucher-bench does)");
	}

	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return fields[0] + " " + fields[1] + " " + fields[2];
		}
		catch (IOException ex) {
			return "?";
		}
	}

	private static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (var paths = Files.walk(root)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	static void log(String format, Object... arguments) {
		System.out.printf("[%s] %s%n", Instant.now().toString().substring(11, 19), String.format(format, arguments));
	}

	/**
	 * A crypto floor.
	 *
	 * @param rate licenses per second
	 * @param cpuMicros processor time per license
	 * @param load the load average when it started
	 */
	record Floor(double rate, double cpuMicros, String load) {

	}

	/** What one phase measured. */
	record PhaseResult(String name, DeviceMode mode, double rate, double okPerSecond, long ok, long errors, long p50,
			long p90, long p99, long p999, long max, CpuAccounting.@Nullable Usage cpu, Optional<Double> jvmCpu,
			Optional<Double> heapMaxUsedMb, Optional<Double> oldGenMb, Optional<Double> heapLimitMb,
			DatabaseStatistics.@Nullable PerLicense database, String loadAverage) {

	}

}
