package io.voucher.benchmark;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What one benchmark run does, from the command line ({@code ./voucher-bench --help}).
 *
 * @param url a running platform to target; {@code null}: start the application jar with
 * an embedded PostgreSQL in a temporary folder
 * @param jar the application jar to start
 * @param jvmOptions the JVM options of the started platform and of the crypto floor
 * @param adminUser the admin user to sign in with
 * @param adminPassword its password (set as the initial password of a started platform)
 * @param jdbcUrl where to count issued licenses on a targeted platform ({@code null}: not
 * counted); found by itself for a started platform
 * @param jdbcUser the database user for counting
 * @param jdbcPassword the database password for counting
 * @param metricsToken the targeted platform's metrics scrape token
 * ({@code voucher.metrics.token}); {@code null}: no server metrics for a targeted
 * platform; a started platform gets a random one
 * @param devices how many simulated P-256 devices send challenges
 * @param concurrency concurrent requests of the saturation phases
 * @param warmUp length of the unmeasured warm-up phase
 * @param saturation length of the saturation phase
 * @param fixedRate length of each fixed-rate phase
 * @param fixedRates the fixed rates, as fractions of the measured saturation rate
 * @param floorWarmUp warm-up of the crypto floor
 * @param floorMeasure measured time of the crypto floor
 * @param floorThreads threads of the crypto floor ({@code 0}: one per processor)
 * @param profile record a JFR profile of the platform during the saturation phase
 * @param keep keep the temporary folder (database, logs, profile) after the run
 * @param modes the device modes measured, each with its own floor and phases
 */
record BenchmarkOptions(@Nullable URI url, @Nullable Path jar, List<String> jvmOptions, String adminUser,
		String adminPassword, @Nullable String jdbcUrl, String jdbcUser, String jdbcPassword,
		@Nullable String metricsToken, int devices, int concurrency, Duration warmUp, Duration saturation,
		Duration fixedRate, List<Double> fixedRates, Duration floorWarmUp, Duration floorMeasure, int floorThreads,
		boolean profile, boolean keep, List<DeviceMode> modes) {

	/** Longest phase: its challenges are all made before it starts. */
	static final Duration MAX_PHASE = Duration.ofSeconds(240);

	/**
	 * The warm-up signs its challenges as it sends them: no skew limit, no memory held.
	 */
	static final Duration MAX_WARM_UP = Duration.ofMinutes(30);

	static final String USAGE = """
			Usage: ./voucher-bench [options]
			  --url URL              target a running platform instead of starting one
			  --admin-user NAME      admin user (default admin)
			  --admin-password PW    admin password (default: a random one for a started platform;
			                         required with --url, or VOUCHER_BENCH_ADMIN_PASSWORD)
			  --jdbc-url URL         count issued licenses in this database (with --url)
			  --jdbc-user NAME       database user (default postgres)
			  --jdbc-password PW     database password (default empty, or VOUCHER_BENCH_JDBC_PASSWORD)
			  --metrics-token TOKEN  the platform's metrics scrape token, to sample its heap and
			                         processor use (with --url; or VOUCHER_BENCH_METRICS_TOKEN)
			  --jar PATH             application jar to start (default license-api/target/license-api-*.jar)
			  --jvm "OPTS"           JVM options of the platform and of the crypto floor
			                         (default "-Xms512m -Xmx512m")
			  --devices N            simulated P-256 devices (default 5000)
			  --concurrency N        concurrent requests at saturation (default 32)
			  --warm-up SECONDS      unmeasured warm-up at saturation, its challenges signed as they
			                         are sent (default 120: the platform's JIT needs tens of
			                         thousands of requests; at most 1800)
			  --saturation SECONDS   saturation phase (default 30)
			  --fixed SECONDS        each fixed-rate phase (default 30)
			  --rates LIST           fixed rates as fractions of saturation (default 0.25,0.5,0.75)
			  --floor SECONDS        crypto floor measurement (default 20, after 10 s of warm-up)
			  --floor-threads N      crypto floor threads (default: one per processor)
			  --profile              record a JFR profile of the platform at saturation and summarise it
			  --keep                 keep the temporary folder of a started platform
			  --mode MODE            warm, cold or both (default both): warm devices take turns (their
			                         chains validated once and remembered); cold ones are each used
			                         once (a fresh key and certificate per request, so every chain is
			                         validated); each mode has its own crypto floor and phases
			""";

	static BenchmarkOptions parse(String[] args) {
		URI url = null;
		Path jar = null;
		List<String> jvm = List.of("-Xms512m", "-Xmx512m");
		String adminUser = "admin";
		String adminPassword = System.getenv("VOUCHER_BENCH_ADMIN_PASSWORD");
		String jdbcUrl = null;
		String jdbcUser = "postgres";
		String jdbcPassword = envOr("VOUCHER_BENCH_JDBC_PASSWORD", "");
		String metricsToken = System.getenv("VOUCHER_BENCH_METRICS_TOKEN");
		int devices = 5000;
		int concurrency = 32;
		Duration warmUp = Duration.ofSeconds(120);
		Duration saturation = Duration.ofSeconds(30);
		Duration fixed = Duration.ofSeconds(30);
		List<Double> rates = List.of(0.25, 0.5, 0.75);
		Duration floor = Duration.ofSeconds(20);
		int floorThreads = 0;
		boolean profile = false;
		boolean keep = false;
		List<DeviceMode> modes = List.of(DeviceMode.WARM, DeviceMode.COLD);
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			switch (arg) {
				case "--url" -> url = URI.create(value(args, ++i, arg));
				case "--jar" -> jar = Path.of(value(args, ++i, arg));
				case "--jvm" -> jvm = List.of(value(args, ++i, arg).trim().split("\\s+"));
				case "--admin-user" -> adminUser = value(args, ++i, arg);
				case "--admin-password" -> adminPassword = value(args, ++i, arg);
				case "--jdbc-url" -> jdbcUrl = value(args, ++i, arg);
				case "--jdbc-user" -> jdbcUser = value(args, ++i, arg);
				case "--jdbc-password" -> jdbcPassword = value(args, ++i, arg);
				case "--metrics-token" -> metricsToken = value(args, ++i, arg);
				case "--devices" -> devices = positive(args, ++i, arg);
				case "--concurrency" -> concurrency = positive(args, ++i, arg);
				case "--warm-up" -> warmUp = Duration.ofSeconds(positive(args, ++i, arg));
				case "--saturation" -> saturation = Duration.ofSeconds(positive(args, ++i, arg));
				case "--fixed" -> fixed = Duration.ofSeconds(positive(args, ++i, arg));
				case "--rates" -> rates = rates(value(args, ++i, arg));
				case "--floor" -> floor = Duration.ofSeconds(positive(args, ++i, arg));
				case "--floor-threads" -> floorThreads = positive(args, ++i, arg);
				case "--profile" -> profile = true;
				case "--keep" -> keep = true;
				case "--mode" -> modes = modes(value(args, ++i, arg));
				case "--help", "-h" -> throw new UsageException(null);
				default -> throw new UsageException("Unknown option " + arg);
			}
		}
		if (warmUp.compareTo(MAX_WARM_UP) > 0) {
			throw new UsageException("The warm-up lasts at most " + MAX_WARM_UP.toSeconds() + " s");
		}
		for (Duration phase : List.of(saturation, fixed)) {
			// Challenges are made just before their phase: the last ones must still be
			// within the platform's challenge skew (5 minutes by default) when sent.
			if (phase.compareTo(MAX_PHASE) > 0) {
				throw new UsageException("A phase lasts at most " + MAX_PHASE.toSeconds()
						+ " s, well inside the platform's challenge skew");
			}
		}
		if (url != null && adminPassword == null) {
			throw new UsageException("--url needs --admin-password (or VOUCHER_BENCH_ADMIN_PASSWORD)");
		}
		if (adminPassword == null) {
			adminPassword = "bench-" + java.util.UUID.randomUUID();
		}
		return new BenchmarkOptions(url, jar, jvm, adminUser, adminPassword, jdbcUrl, jdbcUser, jdbcPassword,
				metricsToken, devices, concurrency, warmUp, saturation, fixed, rates, Duration.ofSeconds(10), floor,
				floorThreads, profile, keep, modes);
	}

	private static String envOr(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null) ? value : fallback;
	}

	private static String value(String[] args, int i, String option) {
		if (i >= args.length) {
			throw new UsageException(option + " needs a value");
		}
		return args[i];
	}

	private static int positive(String[] args, int i, String option) {
		try {
			int value = Integer.parseInt(value(args, i, option));
			if (value < 1) {
				throw new UsageException(option + " must be at least 1");
			}
			return value;
		}
		catch (NumberFormatException ex) {
			throw new UsageException(option + " needs a whole number");
		}
	}

	private static List<DeviceMode> modes(String value) {
		return switch (value) {
			case "warm" -> List.of(DeviceMode.WARM);
			case "cold" -> List.of(DeviceMode.COLD);
			case "both" -> List.of(DeviceMode.WARM, DeviceMode.COLD);
			default -> throw new UsageException("--mode must be warm, cold or both");
		};
	}

	private static List<Double> rates(String list) {
		List<Double> rates = new ArrayList<>();
		for (String part : Arrays.asList(list.split(","))) {
			double rate;
			try {
				rate = Double.parseDouble(part.trim());
			}
			catch (NumberFormatException ex) {
				throw new UsageException("--rates needs fractions such as 0.25,0.5,0.75");
			}
			if (rate <= 0 || rate > 2) {
				throw new UsageException("--rates fractions must be above 0 and at most 2");
			}
			rates.add(rate);
		}
		return List.copyOf(rates);
	}

	/** A command line that cannot be run; the message says why. */
	static final class UsageException extends RuntimeException {

		UsageException(@Nullable String message) {
			super(message);
		}

	}

}
