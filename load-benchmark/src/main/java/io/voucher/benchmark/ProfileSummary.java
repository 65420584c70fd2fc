package io.voucher.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording of the platform: the share of execution samples spent in
 * (below) each step of a license answer, the share of samples by the library their top
 * frame is in, the hottest methods, and the time the JVM spent in GC pauses.
 */
final class ProfileSummary {

	/** Steps of a license answer, recognised by a method on the stack (inclusive). */
	private static final Map<String, String> STEPS = new LinkedHashMap<>();

	/** Libraries, recognised by the package of the top frame (exclusive). */
	private static final Map<String, String> LIBRARIES = new LinkedHashMap<>();

	static {
		STEPS.put("io.voucher.api.license.OnlineLicenseService.handle", "license service (all of it)");
		STEPS.put("io.voucher.crypto.challenge.ChallengeVerifier.verify", "  verify challenge (crypto)");
		STEPS.put("io.voucher.crypto.voucher.VoucherIssuer.issue", "  wrap keys + sign license (crypto)");
		STEPS.put("io.voucher.api.license.OnlineLicenseService.record", "  record: nonce + license + audit (tx)");
		STEPS.put("io.voucher.domain.content.ContentService.activeKeys", "  content keys lookup");
		STEPS.put("io.voucher.domain.policy.PolicyService.get", "  policy lookup");
		STEPS.put("io.voucher.registry.admission.DeviceAdmission.check", "  revocation and admission check");
		STEPS.put("io.voucher.domain.audit.AuditTrail.append", "  audit trail append");
		STEPS.put("io.voucher.domain.provider.ProviderService.authenticate", "provider credential check");
		STEPS.put("io.voucher.api.ratelimit.RateLimitFilter.doFilterInternal", "rate limit filter (incl. chain)");
		STEPS.put("io.voucher.api.ratelimit.DeviceKeys.fingerprintOf", "  rate limit: device fingerprint");
		STEPS.put("org.springframework.http.converter.AbstractGenericHttpMessageConverter.write",
				"JSON response writing");
		STEPS.put(
				"org.springframework.web.servlet.mvc.method.annotation.AbstractMessageConverterMethodArgumentResolver.readWithMessageConverters",
				"JSON request reading");
		LIBRARIES.put("org.bouncycastle.", "Bouncy Castle");
		LIBRARIES.put("com.nimbusds.", "Nimbus JOSE");
		LIBRARIES.put("tools.jackson.", "Jackson 3");
		LIBRARIES.put("com.fasterxml.jackson.", "Jackson 2");
		LIBRARIES.put("org.hibernate.", "Hibernate");
		LIBRARIES.put("org.postgresql.", "pgjdbc");
		LIBRARIES.put("com.zaxxer.", "HikariCP");
		LIBRARIES.put("org.apache.", "Tomcat");
		LIBRARIES.put("org.springframework.", "Spring");
		LIBRARIES.put("io.micrometer.", "Micrometer");
		LIBRARIES.put("ch.qos.logback.", "Logback");
		LIBRARIES.put("io.voucher.", "Voucher");
		LIBRARIES.put("sun.security.", "JDK security/crypto");
		LIBRARIES.put("com.sun.crypto.", "JDK security/crypto");
		LIBRARIES.put("javax.crypto.", "JDK security/crypto");
		LIBRARIES.put("java.security.", "JDK security/crypto");
		LIBRARIES.put("sun.nio.", "JDK I/O");
		LIBRARIES.put("java.io.", "JDK I/O");
		LIBRARIES.put("java.net.", "JDK I/O");
		LIBRARIES.put("java.math.", "JDK BigInteger");
		LIBRARIES.put("java.", "JDK other");
		LIBRARIES.put("jdk.", "JDK other");
		LIBRARIES.put("sun.", "JDK other");
	}

	private ProfileSummary() {
	}

	static String summarise(Path recording) throws IOException {
		long samples = 0;
		Map<String, Long> steps = new HashMap<>();
		Map<String, Long> libraries = new HashMap<>();
		Map<String, Long> methods = new HashMap<>();
		Duration gcPauses = Duration.ZERO;
		int collections = 0;
		Duration span = Duration.ZERO;
		java.time.Instant first = null;
		java.time.Instant last = null;
		try (RecordingFile file = new RecordingFile(recording)) {
			while (file.hasMoreEvents()) {
				RecordedEvent event = file.readEvent();
				String type = event.getEventType().getName();
				if (first == null || event.getStartTime().isBefore(first)) {
					first = event.getStartTime();
				}
				if (last == null || event.getEndTime().isAfter(last)) {
					last = event.getEndTime();
				}
				if (type.equals("jdk.GarbageCollection")) {
					gcPauses = gcPauses.plus(event.getDuration("sumOfPauses"));
					collections++;
					continue;
				}
				if (!type.equals("jdk.ExecutionSample")) {
					continue;
				}
				RecordedStackTrace stack = event.getStackTrace();
				if (stack == null || stack.getFrames().isEmpty()) {
					continue;
				}
				samples++;
				List<RecordedFrame> frames = stack.getFrames();
				String top = name(frames.get(0));
				methods.merge(top, 1L, Long::sum);
				libraries.merge(library(top), 1L, Long::sum);
				java.util.Set<String> seen = new java.util.HashSet<>();
				for (RecordedFrame frame : frames) {
					String label = STEPS.get(name(frame));
					if (label != null && seen.add(label)) {
						steps.merge(label, 1L, Long::sum);
					}
				}
			}
		}
		if (first != null && last != null) {
			span = Duration.between(first, last);
		}
		StringBuilder out = new StringBuilder();
		out.append(String.format("JFR profile of the platform at saturation: %d execution samples (Java threads)%n",
				samples));
		out.append(String.format("%nSteps (inclusive: samples with the step on the stack)%n"));
		for (String label : STEPS.values()) {
			long count = steps.getOrDefault(label, 0L);
			out.append(String.format("  %-48s %5.1f %%%n", label, percent(count, samples)));
		}
		out.append(String.format("%nTop frame by library (exclusive)%n"));
		List<Map.Entry<String, Long>> byLibrary = new ArrayList<>(libraries.entrySet());
		byLibrary.sort(Map.Entry.<String, Long>comparingByValue().reversed());
		for (Map.Entry<String, Long> entry : byLibrary) {
			out.append(String.format("  %-48s %5.1f %%%n", entry.getKey(), percent(entry.getValue(), samples)));
		}
		out.append(String.format("%nHottest methods (top frame)%n"));
		List<Map.Entry<String, Long>> hottest = new ArrayList<>(methods.entrySet());
		hottest.sort(Map.Entry.<String, Long>comparingByValue().reversed());
		for (Map.Entry<String, Long> entry : hottest.subList(0, Math.min(25, hottest.size()))) {
			out.append(String.format("  %5.1f %%  %s%n", percent(entry.getValue(), samples), entry.getKey()));
		}
		out.append(String.format("%nGC: %d collections, %d ms of pauses in %d s of recording%n", collections,
				gcPauses.toMillis(), span.toSeconds()));
		return out.toString();
	}

	private static String name(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
	}

	private static String library(String method) {
		for (Map.Entry<String, String> library : LIBRARIES.entrySet()) {
			if (method.startsWith(library.getKey())) {
				return library.getValue();
			}
		}
		return "other";
	}

	private static double percent(long count, long total) {
		return (total > 0) ? 100.0 * count / total : 0;
	}

}
