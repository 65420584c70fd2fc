package io.voucher.crypto.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import io.voucher.crypto.CryptoException;
import io.voucher.crypto.challenge.ChallengeRejectedException;
import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.group.GroupCredentialRejectedException;
import io.voucher.crypto.group.GroupId;
import io.voucher.crypto.group.GroupKeyPair;
import io.voucher.crypto.revocation.RevocationList;
import io.voucher.crypto.revocation.RevocationListRejectedException;
import io.voucher.crypto.revocation.RevocationLists;
import io.voucher.crypto.testing.TestDevice;
import io.voucher.crypto.testing.TestPki;
import io.voucher.crypto.voucher.Recipient;
import io.voucher.crypto.voucher.VoucherRejectedException;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Mutation fuzzing of every parser a device or the server feeds with bytes from the
 * network: challenges, registration requests, licenses, group credentials and revocation
 * lists. Whatever the mutation of a valid object (a character replaced, a slice cut or
 * truncated, text inserted, segments swapped, a header member rewritten, random text),
 * the parser refuses it with its own typed exception: never another exception, never a
 * mutated object accepted. Mutations are drawn from a seeded generator, so a failure
 * names the seed and mutation that reproduce it. CI runs {@value #DEFAULT_RUNS} mutations
 * per parser; longer campaigns:
 * {@code ./mvnw -pl license-crypto test -Dtest=ParserFuzzTests -Dvoucher.fuzz.runs=100000 -Dvoucher.fuzz.seed=…}.
 */
class ParserFuzzTests {

	static final int DEFAULT_RUNS = 300;

	private static final String[] HEADER_MEMBERS = { "\"alg\":\"none\"", "\"alg\":\"HS256\"", "\"crit\":[\"x\"]",
			"\"typ\":\"JWT\"", "\"x5c\":[]", "\"alg\":\"ES512\"", "\"zip\":\"DEF\"", "\"kid\":\"other\"" };

	private final TestPki pki = TestPki.create();

	private final TestDevice device = this.pki.newDevice().build();

	@TestFactory
	Stream<DynamicTest> challengeVerificationRefusesEveryMutationWithItsOwnError() {
		String valid = this.device.challenge().contentId("movie-1").build();
		return campaign("challenge", valid, ChallengeRejectedException.class,
				(input) -> this.pki.challengeVerifier().verify(input));
	}

	@TestFactory
	Stream<DynamicTest> registrationVerificationRefusesEveryMutationWithItsOwnError() {
		String valid = this.device.register(GeneratedId.random(), "acme");
		return campaign("registration", valid, ChallengeRejectedException.class,
				(input) -> this.pki.challengeVerifier().verifyRegistration(input));
	}

	@TestFactory
	Stream<DynamicTest> voucherOpeningRefusesEveryMutationWithItsOwnError() {
		String valid = this.pki.voucherIssuer()
			.issue(this.pki.license(this.device).build(), Recipient.device(this.device.certificate()))
			.compact();
		return campaign("voucher", valid, VoucherRejectedException.class,
				(input) -> this.pki.voucherOpener().open(input, this.device.identity()));
	}

	@TestFactory
	Stream<DynamicTest> groupCredentialOpeningRefusesEveryMutationWithItsOwnError() {
		String valid = this.pki.groupCredentialIssuer()
			.issue(GroupKeyPair.generate(new GroupId("family"), 1), this.device.certificate(),
					this.pki.clock().instant().plusSeconds(3600));
		return campaign("group credential", valid, GroupCredentialRejectedException.class,
				(input) -> this.pki.groupCredentialOpener().open(input, this.device.identity()));
	}

	@TestFactory
	Stream<DynamicTest> revocationListVerificationRefusesEveryMutationWithItsOwnError() {
		String valid = RevocationLists.sign(new RevocationList(7, this.pki.clock().instant(), Set.of()),
				this.pki.signingKeys());
		return campaign("revocation list", valid, RevocationListRejectedException.class,
				(input) -> RevocationLists.verify(input, this.pki.licenseTrust(), 0));
	}

	/**
	 * One dynamic test per batch of mutations, so that a report names the failing one
	 * without listing thousands of passing ones.
	 */
	private Stream<DynamicTest> campaign(String parser, String valid, Class<? extends CryptoException> refusal,
			Consumer<String> parse) {
		int runs = Integer.getInteger("voucher.fuzz.runs", DEFAULT_RUNS);
		long seed = Long.getLong("voucher.fuzz.seed", 20261201L);
		int batch = 50;
		List<DynamicTest> tests = new ArrayList<>();
		for (int from = 0; from < runs; from += batch) {
			int first = from;
			int last = Math.min(runs, from + batch);
			tests.add(DynamicTest.dynamicTest(parser + " mutations " + first + "-" + (last - 1), () -> {
				for (int run = first; run < last; run++) {
					Random random = new Random(seed * 31 + run);
					String mutated = mutate(valid, random);
					if (sameBytes(valid, mutated)) {
						continue;
					}
					Throwable thrown = catchThrowable(() -> parse.accept(mutated));
					assertThat(thrown).as("seed %d, mutation %d, accepted: %s", seed, run, mutated).isNotNull();
					assertThat(thrown).as("seed %d, mutation %d: %s", seed, run, mutated).isInstanceOf(refusal);
				}
			}));
		}
		return tests.stream();
	}

	static String mutate(String valid, Random random) {
		int at = random.nextInt(valid.length());
		return switch (random.nextInt(7)) {
			case 0 -> valid.substring(0, at) + (char) random.nextInt(0x3000) + valid.substring(at + 1);
			case 1 -> valid.substring(0, at);
			case 2 -> valid.substring(0, at) + randomText(random) + valid.substring(at);
			case 3 -> valid.substring(0, at) + valid.substring(Math.min(valid.length(), at + 1 + random.nextInt(64)));
			case 4 -> swapSegments(valid, random.nextInt(3));
			case 5 -> rewriteHeader(valid, HEADER_MEMBERS[random.nextInt(HEADER_MEMBERS.length)]);
			default -> randomText(random);
		};
	}

	private static String randomText(Random random) {
		StringBuilder text = new StringBuilder();
		int length = random.nextInt(40);
		for (int i = 0; i < length; i++) {
			text.append((random.nextBoolean()) ? (char) (0x20 + random.nextInt(0x5f)) : (char) random.nextInt(0x800));
		}
		return text.toString();
	}

	private static String swapSegments(String valid, int first) {
		String[] parts = valid.split("\\.", -1);
		int a = first % parts.length;
		int b = (first + 1) % parts.length;
		String kept = parts[a];
		parts[a] = parts[b];
		parts[b] = kept;
		return String.join(".", parts);
	}

	private static String rewriteHeader(String valid, String member) {
		int dot = valid.indexOf('.');
		String header = new String(Base64.getUrlDecoder().decode(valid.substring(0, dot)), StandardCharsets.UTF_8);
		String rewritten = "{" + member + "," + header.substring(1);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(rewritten.getBytes(StandardCharsets.UTF_8))
				+ valid.substring(dot);
	}

	/**
	 * Tells whether a mutation encodes the very same bytes (base64url's last character
	 * has bits that carry nothing): that is the valid object, not a mutation.
	 */
	private static boolean sameBytes(String valid, String mutated) {
		String[] a = valid.split("\\.", -1);
		String[] b = mutated.split("\\.", -1);
		if (a.length != b.length) {
			return false;
		}
		try {
			for (int i = 0; i < a.length; i++) {
				if (!b[i].matches("[A-Za-z0-9_-]*")
						|| !Arrays.equals(Base64.getUrlDecoder().decode(a[i]), Base64.getUrlDecoder().decode(b[i]))) {
					return false;
				}
			}
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
