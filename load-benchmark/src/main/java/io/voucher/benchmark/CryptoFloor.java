package io.voucher.benchmark;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import io.voucher.crypto.challenge.ChallengeVerifier;
import io.voucher.crypto.challenge.VerifiedChallenge;
import io.voucher.crypto.keys.LicenseRoot;
import io.voucher.crypto.keys.SecretBytes;
import io.voucher.crypto.keys.SigningKeyRing;
import io.voucher.crypto.pki.DeviceChainValidator;
import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.SecurityLevel;
import io.voucher.crypto.voucher.ContentKey;
import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.LicensePolicy;
import io.voucher.crypto.voucher.LicenseSpec;
import io.voucher.crypto.voucher.Recipient;
import io.voucher.crypto.voucher.TrackType;
import io.voucher.crypto.voucher.VoucherIssuer;

/**
 * The crypto floor: what the platform's per-license cryptography alone achieves on this
 * machine, with license-crypto's API and no HTTP, JSON or database. Per license: verify a
 * fresh device challenge (its chain already validated once, as the platform's validator
 * remembers chains), wrap the content keys to the device (one ECDH-ES key agreement) and
 * sign the license, with the same three keys and policy as the benchmark's licenses. Runs
 * in its own JVM, started with the platform's JVM options, on all threads. The cold floor
 * ({@code cold} as the fifth argument) validates every challenge's certificate chain as
 * for a device never seen before (the validator remembers none), which is what each
 * request of the benchmark's cold-device mode costs the platform.
 * <p>
 * Arguments: threads, warm-up seconds, measured seconds, devices, and {@code warm} or
 * {@code cold} (default warm). Prints one line
 * {@code FLOOR <licenses per second> <licenses> <processor microseconds per license>}.
 */
public final class CryptoFloor {

	private CryptoFloor() {
	}

	public static void main(String[] args) throws InterruptedException {
		int threads = Integer.parseInt(args[0]);
		Duration warmUp = Duration.ofSeconds(Long.parseLong(args[1]));
		Duration measure = Duration.ofSeconds(Long.parseLong(args[2]));
		int deviceCount = Integer.parseInt(args[3]);
		boolean cold = args.length > 4 && args[4].equals("cold");
		DeviceFleet fleet = DeviceFleet.create(deviceCount);
		// Challenges are verified, not consumed (replay is the database's business), so a
		// pool of fresh ones serves the whole measurement; it is well within the skew.
		List<String> challenges = fleet.challenges(Math.max(deviceCount, 20_000), LoadBenchmark.CONTENT_ID);
		DeviceChainValidator chains = cold ? new DeviceChainValidator(List.of(fleet.root()), Clock.systemUTC(), 0)
				: new DeviceChainValidator(List.of(fleet.root()), Clock.systemUTC());
		ChallengeVerifier verifier = new ChallengeVerifier(chains, Clock.systemUTC(),
				ChallengeVerifier.DEFAULT_MAX_SKEW);
		LicenseRoot root = LicenseRoot.generate("Bench License Root", Clock.systemUTC());
		VoucherIssuer issuer = new VoucherIssuer(
				SigningKeyRing.of(root.issueSigningKey("Bench License Signing", Duration.ofDays(30))));
		List<ContentKey> keys = List.of(key(TrackType.AUDIO), key(TrackType.SD), key(TrackType.HD));
		LicensePolicy policy = LicensePolicy.builder()
			.canPlay(true)
			.rentalDurationSeconds(LoadBenchmark.RENTAL_SECONDS)
			.build();

		LongAdder issued = new LongAdder();
		AtomicBoolean counting = new AtomicBoolean();
		AtomicBoolean running = new AtomicBoolean(true);
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int offset = t;
			Thread worker = new Thread(() -> {
				int i = offset;
				while (running.get()) {
					VerifiedChallenge verified = verifier.verify(challenges.get(i % challenges.size()));
					Instant now = Instant.now();
					Recipient recipient = Recipient.device(verified.device());
					LicenseSpec spec = LicenseSpec.builder()
						.licenseId(UUID.randomUUID().toString())
						.contentId(verified.challenge().contentId())
						.provider(LoadBenchmark.PROVIDER)
						.issuedAt(now)
						.expiresAt(now.plus(Duration.ofDays(36_500)))
						.licenseType(verified.challenge().licenseType())
						.binding(recipient.binding())
						.policy(policy)
						.keys(keys)
						.build();
					issuer.issue(spec, recipient);
					if (counting.get()) {
						issued.increment();
					}
					i += threads;
				}
			}, "floor-" + t);
			workers.add(worker);
			worker.start();
		}
		Thread.sleep(warmUp.toMillis());
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		long cpuStart = os.getProcessCpuTime();
		long start = System.nanoTime();
		counting.set(true);
		Thread.sleep(measure.toMillis());
		counting.set(false);
		long elapsed = System.nanoTime() - start;
		long cpu = os.getProcessCpuTime() - cpuStart;
		running.set(false);
		for (Thread worker : workers) {
			worker.join();
		}
		long count = issued.sum();
		// Rate, count, and processor time of the whole JVM (GC and JIT included) per
		// license.
		System.out.printf(java.util.Locale.ROOT, "FLOOR %.1f %d %.1f%n", count * 1e9 / elapsed, count,
				(count > 0) ? cpu / 1e3 / count : 0);
	}

	private static ContentKey key(TrackType track) {
		return ContentKey.of(KeyId.random(), track, SecurityLevel.of(1), HdcpVersion.HDCP_NONE, SecretBytes.random(16));
	}

}
