package io.voucher.api.docs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.voucher.crypto.keys.KeyMaterial;
import io.voucher.crypto.keys.KeyMaterialBootstrap;
import io.voucher.crypto.pki.DeviceCertificate;
import io.voucher.crypto.pki.DeviceChainValidator;
import io.voucher.crypto.pki.DeviceKeyPair;
import io.voucher.crypto.pki.DeviceProfile;
import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.KeyType;
import io.voucher.crypto.pki.SecurityLevel;
import io.voucher.domain.testing.PostgresTest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Executable docs: runs the command blocks of {@code README.md} and {@code docs/*.md}
 * that are marked {@code <!-- docs-test -->} (or {@code <!-- docs-test expect: TEXT -->},
 * TEXT to be found in the block's output) with bash, exactly as written, against a fresh
 * platform on a random port, so that a documented command that stops working fails the
 * build; and fails when a command block has no marker at all.
 * <p>
 * Conventions, kept generic so that the docs can change freely:
 * <ul>
 * <li>a command block is a fenced block labelled {@code sh}, {@code bash}, {@code shell},
 * {@code console} or {@code zsh}, or a bare fence; a block that is not a command names
 * its language ({@code json}, {@code http}, {@code java}, {@code text}, …). Each command
 * block is marked to run, or {@code <!-- docs-test skip: REASON -->};</li>
 * <li>the marked blocks of one file run in order in one bash session ({@code set -euo
 * pipefail}), so a block may use the shell variables of the blocks before it; the files
 * run one after the other, README first, against the same platform;</li>
 * <li>each file runs in its own empty folder, which is also its {@code HOME}, holding
 * {@code license-client} (a link to the module, so that
 * {@code license-client/voucher-device} runs the built CLI) and, for README,
 * {@code data/initial-admin-password} where the platform writes the one-time admin
 * password, for metrics, {@code data/metrics-token} where it writes the scrape
 * token;</li>
 * <li>the one placeholder substituted is {@code http://localhost:8080}, by the test
 * platform's URL; the environment has {@code VOUCHER_KEYS_PASSWORD} for the commands that
 * would ask for a keystore password.</li>
 * </ul>
 * Background processes a block starts are killed when its file's session ends. Needs
 * bash, curl and jq, and license-client built ({@code ./mvnw install}, as CI's build does
 * before this module's tests).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "voucher.jobs.polling-interval=200ms")
@PostgresTest
class DocsCommandsTests {

	static final Pattern MARKER = Pattern.compile("^<!--\\s*docs-test(?:\\s+(expect|skip):\\s*(.*?))?\\s*-->\\s*$");

	/** An opening fence and its language ({@code ""} for a bare fence). */
	static final Pattern FENCE = Pattern.compile("^ {0,3}```\\s*([\\w+-]*)[^`]*$");

	static final Pattern CLOSING_FENCE = Pattern.compile("^ {0,3}```\\s*$");

	/**
	 * The fence languages of command blocks: shell, and a bare fence (a block that is not
	 * a command names its language: {@code text}, {@code json}, {@code http},
	 * {@code java}, …).
	 */
	static final Set<String> COMMAND_LANGUAGES = Set.of("", "sh", "bash", "shell", "console", "zsh");

	static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

	static final Path WORK = createWork();

	static final String KEYS_PASSWORD = "a long keystore password";

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void initialAdminPasswordInReadmesFolder(DynamicPropertyRegistry registry) {
		registry.add("voucher.admin.initial-password-file",
				() -> WORK.resolve("README").resolve("data").resolve("initial-admin-password").toString());
		registry.add("voucher.admin.initial-password", () -> "");
		// The README's static export writes into its own folder.
		registry.add("voucher.export.directory", () -> WORK.resolve("README").resolve("exports").toString());
		// docs/metrics.md reads the scrape token the platform generates into
		// data/metrics-token.
		registry.add("voucher.metrics.token", () -> "");
		registry.add("voucher.metrics.token-file",
				() -> WORK.resolve("metrics").resolve("data").resolve("metrics-token").toString());
	}

	@Test
	void markedShellBlocksOfTheReadmeAndTheDocsRunAsWritten() throws Exception {
		assertThat(cliJar()).as("license-client built (./mvnw install): the docs run license-client/voucher-device")
			.isNotNull();
		List<Path> files = new ArrayList<>();
		files.add(ROOT.resolve("README.md"));
		try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
			docs.filter((file) -> file.toString().endsWith(".md")).sorted().forEach(files::add);
		}
		// Every command block of every file is marked before anything runs.
		List<List<Block>> marked = new ArrayList<>();
		for (Path file : files) {
			marked.add(blocks(file));
		}
		int blocks = 0;
		for (int i = 0; i < files.size(); i++) {
			if (!marked.get(i).isEmpty()) {
				run(files.get(i), marked.get(i));
				blocks += marked.get(i).size();
			}
		}
		assertThat(blocks).as("marked blocks").isGreaterThanOrEqualTo(8);
		assertProductionKeysOfSecurityMdWork(WORK.resolve("security"));
	}

	/**
	 * The keystores {@code docs/security.md}'s recipe makes load as Voucher loads them,
	 * and a device certificate their Device CA issues validates up to their Device CA
	 * root.
	 */
	private static void assertProductionKeysOfSecurityMdWork(Path folder) {
		KeyMaterial keys = KeyMaterialBootstrap.load(folder.resolve("license-signing.p12"),
				folder.resolve("device-ca.p12"), folder.resolve("kek.p12"), KEYS_PASSWORD.toCharArray(),
				Clock.systemUTC());
		List<X509Certificate> caChain = keys.deviceCa().chain();
		DeviceCertificate device = keys.deviceCa()
			.issue(DeviceKeyPair.generate(KeyType.EC_P256).createCsr(),
					new DeviceProfile("Acme", "TV", SecurityLevel.of(1), HdcpVersion.HDCP_NONE));

		assertThat(caChain).hasSize(2);
		assertThat(new DeviceChainValidator(List.of(caChain.get(1)), Clock.systemUTC()).validate(device.chain())
			.fingerprint()).isEqualTo(device.fingerprint());
	}

	@Test
	void aMarkerNotFollowedByAShellBlockIsRefused() throws IOException {
		Path file = Files.createTempFile(Files.createDirectories(WORK.resolve("samples")), "doc", ".md");
		Files.writeString(file, "<!-- docs-test -->\n```java\nSystem.exit(0);\n```\n");

		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> blocks(file))
			.withMessageContaining("line 1");
	}

	@Test
	void aCommandBlockWithNeitherMarkerIsRefused() throws IOException {
		Path file = Files.createTempFile(Files.createDirectories(WORK.resolve("samples")), "doc", ".md");
		Files.writeString(file, "<!-- docs-test -->\n```sh\ntrue\n```\n\n```json\n{}\n```\n\n"
				+ "<!-- docs-test skip: needs a Docker engine -->\n```\ndocker compose up\n```\n\n```text\nexports/\n```\n\n"
				+ "```bash\ncurl http://localhost:8080/actuator/health\n```\n\n```\n./voucher\n```\n");

		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> blocks(file))
			.withMessageContaining("line 19, ")
			.withMessageEndingWith("line 23");
	}

	@Test
	void markedAndSkippedCommandBlocksAreAccepted() throws IOException {
		Path file = Files.createTempFile(Files.createDirectories(WORK.resolve("samples")), "doc", ".md");
		Files.writeString(file,
				"<!-- docs-test expect: hi -->\n```sh\necho hi\n```\n\n```json\n{}\n```\n\n"
						+ "<!-- docs-test skip: needs a Docker engine -->\n```\ndocker compose up\n```\n\n"
						+ "- a list\n\n  ```java\n  int i;\n  ```\n");

		assertThat(commandBlocks(file)).containsExactly(new Block(3, "echo hi\n", "hi", null),
				new Block(12, "docker compose up\n", null, "needs a Docker engine"));
		assertThat(blocks(file)).containsExactly(new Block(3, "echo hi\n", "hi", null));
	}

	@Test
	void aSkipWithoutAReasonIsRefused() throws IOException {
		Path file = Files.createTempFile(Files.createDirectories(WORK.resolve("samples")), "doc", ".md");
		Files.writeString(file, "text\n\n<!-- docs-test skip: -->\n```sh\n./voucher\n```\n");

		org.assertj.core.api.Assertions.assertThatIllegalStateException()
			.isThrownBy(() -> blocks(file))
			.withMessageContaining("line 3")
			.withMessageContaining("must say why");
	}

	@Test
	void aFailingCommandFailsWithItsBlock() throws IOException {
		Path file = Files.createTempFile(Files.createDirectories(WORK.resolve("samples")), "doc", ".md");
		Files.writeString(file, "<!-- docs-test -->\n```sh\ntrue\n```\n\n<!-- docs-test -->\n```sh\n"
				+ "license-client/voucher-device --no-such-option list\n```\n");

		org.assertj.core.api.Assertions.assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> run(file, blocks(file)))
			.withMessageContaining("line 8")
			.withMessageContaining("error 6005 invalid_argument");
	}

	/**
	 * The marked command blocks of a file that run.
	 * @param file a Markdown file
	 * @return its blocks marked {@code docs-test} or {@code docs-test expect: …}, in
	 * order
	 * @throws IllegalStateException when a command block has no marker, a marker is not
	 * followed by a command block, a skip gives no reason, or a block is not closed
	 */
	static List<Block> blocks(Path file) throws IOException {
		return commandBlocks(file).stream().filter((block) -> block.skip() == null).toList();
	}

	/**
	 * Every command block of a file: those that run and those skipped with a reason.
	 * @param file a Markdown file
	 * @return its command blocks, in order
	 * @throws IllegalStateException as {@link #blocks(Path)}
	 */
	static List<Block> commandBlocks(Path file) throws IOException {
		List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
		List<Block> blocks = new ArrayList<>();
		List<String> unmarked = new ArrayList<>();
		@Nullable Matcher marker = null;
		int markerLine = -1;
		for (int i = 0; i < lines.size(); i++) {
			String text = lines.get(i);
			Matcher markerMatch = MARKER.matcher(text);
			if (markerMatch.matches()) {
				if (marker != null) {
					throw notFollowedByACommandBlock(file, markerLine);
				}
				marker = markerMatch;
				markerLine = i;
				continue;
			}
			Matcher fence = FENCE.matcher(text);
			if (!fence.matches()) {
				if (marker != null && !text.isBlank()) {
					throw notFollowedByACommandBlock(file, markerLine);
				}
				continue;
			}
			StringBuilder body = new StringBuilder();
			int line = i + 1;
			while (line < lines.size() && !CLOSING_FENCE.matcher(lines.get(line)).matches()) {
				body.append(lines.get(line)).append('\n');
				line++;
			}
			if (line >= lines.size()) {
				throw new IllegalStateException(file.getFileName() + " line " + (i + 1) + ": unclosed block");
			}
			boolean command = COMMAND_LANGUAGES.contains(fence.group(1).toLowerCase(Locale.ROOT));
			if (marker == null) {
				if (command) {
					unmarked.add(file.getFileName() + " line " + (i + 1));
				}
			}
			else if (!command) {
				throw notFollowedByACommandBlock(file, markerLine);
			}
			else if ("skip".equals(marker.group(1))) {
				String reason = marker.group(2);
				if (reason == null || reason.isBlank()) {
					throw new IllegalStateException(file.getFileName() + " line " + (markerLine + 1)
							+ ": a docs-test skip must say why (<!-- docs-test skip: REASON -->)");
				}
				blocks.add(new Block(i + 2, body.toString(), null, reason));
			}
			else {
				blocks.add(new Block(i + 2, body.toString(), marker.group(2), null));
			}
			marker = null;
			i = line;
		}
		if (marker != null) {
			throw notFollowedByACommandBlock(file, markerLine);
		}
		if (!unmarked.isEmpty()) {
			throw new IllegalStateException("command blocks with neither <!-- docs-test --> nor "
					+ "<!-- docs-test skip: REASON --> before them (label a block that is not a command with "
					+ "its language, e.g. ```text or ```json): " + String.join(", ", unmarked));
		}
		return blocks;
	}

	private static IllegalStateException notFollowedByACommandBlock(Path file, int markerLine) {
		return new IllegalStateException(file.getFileName() + " line " + (markerLine + 1)
				+ ": a docs-test marker must be followed by a command block (```sh, ```bash, ```shell, "
				+ "```console or a bare ```)");
	}

	private void run(Path file, List<Block> blocks) throws IOException, InterruptedException {
		Path folder = WORK.resolve(file.getFileName().toString().replace(".md", ""));
		Files.createDirectories(folder.resolve("data"));
		Path link = folder.resolve("license-client");
		if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
			Files.createSymbolicLink(link, ROOT.resolve("license-client"));
		}
		StringBuilder script = new StringBuilder(
				"set -euo pipefail\n" + "trap 'jobs -p | xargs -r kill 2>/dev/null || true' EXIT\n");
		for (int i = 0; i < blocks.size(); i++) {
			Block block = blocks.get(i);
			// Markers on lines of their own, even after output with no line end (curl's),
			// and each block's duration after its end, to see which one is slow.
			script.append("printf '\\n::docs-test begin %d\\n' ")
				.append(i)
				.append("; docs_test_start=$SECONDS\n")
				.append(block.body().replace("http://localhost:8080", "http://localhost:" + this.port))
				.append("printf '\\n::docs-test end %d\\n' ")
				.append(i)
				.append("; printf '::docs-test took %ds\\n' $((SECONDS - docs_test_start))\n");
		}
		Path scriptFile = folder.resolve(".docs-test.sh");
		Files.writeString(scriptFile, script);
		Path output = folder.resolve(".docs-test.out");
		ProcessBuilder builder = new ProcessBuilder("bash", scriptFile.toString()).directory(folder.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
		builder.environment().put("HOME", folder.toString());
		// The CLI's default store is under Java's user.home, which does not follow HOME.
		// The CLI's processes are short: with C1 alone one takes about half the time
		// and a third of the CPU (measured on the 2-core build machines).
		builder.environment().put("JAVA_OPTS", "-Duser.home=" + folder + " -XX:TieredStopAtLevel=1");
		builder.environment().put("VOUCHER_KEYS_PASSWORD", KEYS_PASSWORD);
		builder.environment().remove("VOUCHER_PLATFORM");
		builder.environment().remove("VOUCHER_DEVICE_STORE");
		Process process = builder.start();
		boolean finished = process.waitFor(5, TimeUnit.MINUTES);
		if (!finished) {
			process.descendants().forEach(ProcessHandle::destroyForcibly);
			process.destroyForcibly();
		}
		String out = Files.readString(output, StandardCharsets.UTF_8);
		int failedBlock = blocks.size() - 1;
		for (int i = 0; i < blocks.size(); i++) {
			if (!out.contains("::docs-test end " + i + "\n")) {
				failedBlock = i;
				break;
			}
		}
		Block last = blocks.get(failedBlock);
		if (!finished || process.exitValue() != 0) {
			fail("%s line %d: the block %s:%n%s%n-- output --%n%s", file.getFileName(), last.line(),
					finished ? "failed with exit status " + process.exitValue() : "did not finish in 5 minutes",
					last.body(), section(out, failedBlock));
		}
		for (int i = 0; i < blocks.size(); i++) {
			Block block = blocks.get(i);
			if (block.expect() != null) {
				assertThat(section(out, i))
					.as("%s line %d: output of%n%s", file.getFileName(), block.line(), block.body())
					.contains(block.expect());
			}
		}
	}

	private static String section(String out, int block) {
		int begin = out.indexOf("::docs-test begin " + block + "\n");
		int end = out.indexOf("::docs-test end " + block + "\n");
		return out.substring((begin < 0) ? 0 : begin, (end < 0) ? out.length() : end);
	}

	private static @Nullable Path cliJar() throws IOException {
		Path target = ROOT.resolve("license-client").resolve("target");
		if (!Files.isDirectory(target)) {
			return null;
		}
		try (Stream<Path> files = Files.list(target)) {
			return files.filter((file) -> file.getFileName().toString().endsWith("-voucher-device.jar"))
				.findFirst()
				.orElse(null);
		}
	}

	private static Path createWork() {
		try {
			Path target = Path.of("target");
			Files.createDirectories(target);
			return Files.createTempDirectory(target.toAbsolutePath(), "docs-test-");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A marked block.
	 *
	 * @param line the line of its first command in the file
	 * @param body its commands
	 * @param expect text its output must hold, or {@code null}
	 * @param skip why it does not run, or {@code null} when it runs
	 */
	record Block(int line, String body, @Nullable String expect, @Nullable String skip) {
	}

}
