package io.voucher.api.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.voucher.api.VoucherApplication;
import io.voucher.crypto.challenge.ChallengeVerifier;
import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.pki.CertificatePem;
import io.voucher.crypto.pki.DeviceCertificate;
import io.voucher.crypto.testing.TestDevice;
import io.voucher.crypto.testing.TestPki;
import io.voucher.crypto.voucher.Binding;
import io.voucher.crypto.voucher.ContentKey;
import io.voucher.crypto.voucher.LicensePolicy;
import io.voucher.crypto.voucher.LicenseSpec;
import io.voucher.crypto.voucher.LicenseType;
import io.voucher.crypto.voucher.Recipient;
import io.voucher.crypto.voucher.TrackType;
import io.voucher.crypto.voucher.VoucherIssuer;
import io.voucher.domain.content.ContentId;
import io.voucher.domain.content.ContentKeyMaterial;
import io.voucher.domain.content.ContentService;
import io.voucher.domain.content.KeyRequest;
import io.voucher.domain.entitlement.EntitlementService;
import io.voucher.domain.jobs.JobScheduler;
import io.voucher.domain.policy.PlaybackPolicy;
import io.voucher.domain.policy.PolicyName;
import io.voucher.domain.policy.PolicyService;
import io.voucher.domain.provider.ProviderService;
import io.voucher.registry.registration.RegistrationService;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Pre-generation throughput against the crypto floor, measured in one run (not a test).
 * Starts the platform on a fresh embedded PostgreSQL with normal durability, grants
 * {@code ids × entitlements} entitlements, measures the crypto floor (issuing the same
 * licenses in process on as many threads as the job runner has), then registers every ID
 * with the job runner stopped, starts it, and times until every license exists; then
 * changes the policy and times until every license was made again.
 *
 * <pre>
 * ./mvnw -B -q -pl license-api test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=io.voucher.api.benchmark.PregenerationBenchmark -Dexec.args="1000 10 2"
 * </pre>
 *
 * Arguments: generated IDs (1000), entitlements per ID (10), job threads (2).
 */
public final class PregenerationBenchmark {

	private PregenerationBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int ids = (args.length > 0) ? Integer.parseInt(args[0]) : 1000;
		int entitlements = (args.length > 1) ? Integer.parseInt(args[1]) : 10;
		int threads = (args.length > 2) ? Integer.parseInt(args[2]) : 2;
		Path work = Files.createTempDirectory("voucher-pregeneration-benchmark");
		TestPki manufacturer = TestPki.create();
		Path root = work.resolve("manufacturer-root.pem");
		Files.writeString(root, CertificatePem.encode(List.of(manufacturer.deviceCa().root())));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(VoucherApplication.class)
			.web(WebApplicationType.NONE)
			.run("--voucher.database.embedded.data-directory=" + work.resolve("postgres"),
					"--voucher.keys.directory=" + work.resolve("keys"), "--voucher.jobs.threads=" + threads,
					"--voucher.jobs.polling-interval=1s", "--voucher.licenses.trusted-roots[0]=" + root,
					"--logging.level.root=WARN", "--spring.main.banner-mode=off");
		try {
			run(context, manufacturer, ids, entitlements, threads);
		}
		finally {
			context.close();
			deleteRecursively(work);
		}
	}

	private static void run(ConfigurableApplicationContext context, TestPki manufacturer, int ids, int entitlements,
			int threads) throws Exception {
		ProviderService providers = context.getBean(ProviderService.class);
		ContentService contents = context.getBean(ContentService.class);
		PolicyService policies = context.getBean(PolicyService.class);
		EntitlementService grants = context.getBean(EntitlementService.class);
		RegistrationService registrations = context.getBean(RegistrationService.class);
		ChallengeVerifier verifier = context.getBean(ChallengeVerifier.class);
		VoucherIssuer issuer = context.getBean(VoucherIssuer.class);
		JobScheduler scheduler = context.getBean(JobScheduler.class);
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);

		System.out.printf(Locale.ROOT, "Preparing %d generated IDs x %d entitlements, %d job threads...%n", ids,
				entitlements, threads);
		UUID providerId = providers.create("bench", "Benchmark").id();
		PlaybackPolicy offline = PlaybackPolicy.builder()
			.canPlay(true)
			.canPersist(true)
			.licenseDurationSeconds(30 * 86400)
			.build();
		policies.create(providerId, new PolicyName("offline"), offline, Map.of());
		for (int c = 0; c < entitlements; c++) {
			contents.create(providerId, new ContentId("title-" + c), null,
					List.of(KeyRequest.generate(TrackType.SD), KeyRequest.generate(TrackType.HD)));
		}
		// A tenth more, pre-generated untimed first: the job path gets the same JIT
		// warm-up
		// as the crypto floor does.
		int warmUpIds = Math.max(1, ids / 10);
		List<TestDevice> devices = new ArrayList<>();
		List<GeneratedId> generatedIds = new ArrayList<>();
		for (int i = 0; i < ids + warmUpIds; i++) {
			devices.add(manufacturer.newDevice().build());
			GeneratedId id = GeneratedId.random();
			generatedIds.add(id);
			for (int c = 0; c < entitlements; c++) {
				grants.grant(providerId, id, new ContentId("title-" + c), new PolicyName("offline"), null, false,
						LicenseType.OFFLINE);
			}
		}
		long licenses = (long) ids * entitlements;
		long warmUpLicenses = (long) warmUpIds * entitlements;

		double floor = cryptoFloor(issuer, devices.subList(0, ids),
				contents.activeKeys(providerId, new ContentId("title-0")), offline.toLicensePolicy(), licenses,
				threads);

		scheduler.stop();
		for (int i = ids; i < ids + warmUpIds; i++) {
			registrations.register(verifier.verifyRegistration(devices.get(i).register(generatedIds.get(i), "bench")));
		}
		scheduler.start();
		awaitLicenses(jdbc, warmUpLicenses);
		scheduler.stop();
		System.out.printf(Locale.ROOT, "Warm-up: %d licenses pre-generated for %d IDs, untimed%n", warmUpLicenses,
				warmUpIds);
		for (int i = 0; i < ids; i++) {
			String request = devices.get(i).register(generatedIds.get(i), "bench");
			registrations.register(verifier.verifyRegistration(request));
		}
		long start = System.nanoTime();
		scheduler.start();
		long made = awaitLicenses(jdbc, warmUpLicenses + licenses) - warmUpLicenses;
		double seconds = (System.nanoTime() - start) / 1e9;
		double pregeneration = made / seconds;
		long doubled = withdrawn(jdbc);

		// A policy change regenerates every license of the policy: one policy-scope job,
		// the registrations a batch per transaction.
		long affected = licenses + warmUpLicenses;
		long changeStart = System.nanoTime();
		policies.update(providerId, new PolicyName("offline"),
				PlaybackPolicy.builder().canPlay(true).canPersist(true).licenseDurationSeconds(60 * 86400).build(),
				Map.of());
		awaitWithdrawn(jdbc, doubled + affected);
		double changeSeconds = (System.nanoTime() - changeStart) / 1e9;
		long current = jdbc.queryForObject("SELECT count(*) FROM pregenerated_license WHERE withdrawn_at IS NULL",
				Long.class);

		System.out.printf(Locale.ROOT, "%n| measure | value |%n|---|---|%n");
		System.out.printf(Locale.ROOT, "| licenses | %d (%d IDs x %d entitlements, 2 keys each) |%n", licenses, ids,
				entitlements);
		System.out.printf(Locale.ROOT, "| crypto floor (issue only, %d threads) | %.0f licenses/s |%n", threads, floor);
		System.out.printf(Locale.ROOT, "| pre-generation (jobs, %d threads) | %.0f licenses/s (%.1f s) |%n", threads,
				pregeneration, seconds);
		System.out.printf(Locale.ROOT, "| ratio | %.0f %% of the floor (target 70 %%) |%n",
				100 * pregeneration / floor);
		System.out.printf(Locale.ROOT, "| licenses made twice (withdrawn) | %d |%n", doubled);
		System.out.printf(Locale.ROOT,
				"| policy change: %d licenses regenerated (jobs, %d threads) | %.0f licenses/s (%.1f s), "
						+ "%.0f %% of the floor; %d current after |%n",
				affected, threads, affected / changeSeconds, changeSeconds, 100 * affected / changeSeconds / floor,
				current);
	}

	private static long withdrawn(JdbcTemplate jdbc) {
		return jdbc.queryForObject("SELECT count(*) FROM pregenerated_license WHERE withdrawn_at IS NOT NULL",
				Long.class);
	}

	/** Waits until this many licenses were withdrawn; fails after 30 minutes. */
	private static void awaitWithdrawn(JdbcTemplate jdbc, long wanted) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
		while (withdrawn(jdbc) < wanted) {
			if (Instant.now().isAfter(deadline)) {
				throw new IllegalStateException(withdrawn(jdbc) + " of " + wanted + " licenses withdrawn after 30 min");
			}
			Thread.sleep(100);
		}
	}

	/**
	 * Waits until this many current pre-generated licenses exist, or 30 minutes; returns
	 * how many do.
	 */
	private static long awaitLicenses(JdbcTemplate jdbc, long wanted) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofMinutes(30));
		long made;
		do {
			Thread.sleep(100);
			made = jdbc.queryForObject("SELECT count(*) FROM pregenerated_license WHERE withdrawn_at IS NULL",
					Long.class);
		}
		while (made < wanted && Instant.now().isBefore(deadline));
		return made;
	}

	/**
	 * Issues as many licenses as the timed phase makes, with the same issuer, keys and
	 * devices, on as many threads as the job runner: what pre-generation costs in crypto
	 * alone. A warm-up of a tenth of them comes first.
	 */
	private static double cryptoFloor(VoucherIssuer issuer, List<TestDevice> devices, List<ContentKeyMaterial> keys,
			LicensePolicy policy, long licenses, int threads) throws Exception {
		List<ContentKey> contentKeys = keys.stream()
			.map((key) -> ContentKey.of(key.keyId(), key.trackType(),
					io.voucher.crypto.pki.SecurityLevel.of(io.voucher.crypto.pki.SecurityLevel.MIN),
					io.voucher.crypto.pki.HdcpVersion.HDCP_NONE, key.key()))
			.toList();
		issue(issuer, devices, contentKeys, policy, licenses / 10, threads);
		long start = System.nanoTime();
		issue(issuer, devices, contentKeys, policy, licenses, threads);
		return licenses / ((System.nanoTime() - start) / 1e9);
	}

	private static void issue(VoucherIssuer issuer, List<TestDevice> devices, List<ContentKey> keys,
			LicensePolicy policy, long count, int threads) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		AtomicInteger next = new AtomicInteger();
		try {
			List<Future<?>> workers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				workers.add(pool.submit(() -> {
					for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
						DeviceCertificate device = devices.get(i % devices.size()).certificate();
						Instant now = Clock.systemUTC().instant();
						LicenseSpec spec = LicenseSpec.builder()
							.licenseId(UUID.randomUUID().toString())
							.contentId("title-0")
							.provider("bench")
							.issuedAt(now)
							.expiresAt(now.plus(Duration.ofDays(30)))
							.licenseType(LicenseType.OFFLINE)
							.binding(Binding.device(device.fingerprint()))
							.policy(policy)
							.keys(keys)
							.build();
						issuer.issue(spec, Recipient.device(device));
					}
					return null;
				}));
			}
			for (Future<?> worker : workers) {
				worker.get();
			}
		}
		finally {
			pool.shutdown();
			pool.awaitTermination(1, TimeUnit.MINUTES);
		}
	}

	private static void deleteRecursively(Path path) throws IOException {
		if (!Files.exists(path)) {
			return;
		}
		try (var walk = Files.walk(path)) {
			walk.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

}
