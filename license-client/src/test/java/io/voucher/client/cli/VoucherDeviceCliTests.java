package io.voucher.client.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class VoucherDeviceCliTests {

	@TempDir
	Path store;

	final ByteArrayOutputStream out = new ByteArrayOutputStream();

	final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void listOnANewStoreCreatesItAndListsNothing() {
		int status = run(Map.of("VOUCHER_DEVICE_PASSWORD", "a long password"), "list");

		assertThat(status).isZero();
		assertThat(err()).contains("0 voucher(s)");
		assertThat(this.store.resolve("device-keys.p12")).exists();
	}

	@Test
	void playBeforeIndividualizationIsADrmErrorWithItsStableCode() {
		int status = run(Map.of("VOUCHER_DEVICE_PASSWORD", "a long password"), "play", "movie");

		assertThat(status).isEqualTo(VoucherDeviceCli.DRM_ERROR);
		assertThat(err()).startsWith("error 6001 not_individualized:");
	}

	@Test
	void wrongPasswordIsReportedWithTheStoreCode() throws Exception {
		run(Map.of("VOUCHER_DEVICE_PASSWORD", "a long password"), "list");
		Path passwordFile = this.store.resolveSibling(this.store.getFileName() + ".password");
		Files.writeString(passwordFile, "another password\n");

		int status = run(Map.of(), "--password-file", passwordFile.toString(), "list");

		assertThat(status).isEqualTo(VoucherDeviceCli.DRM_ERROR);
		assertThat(err()).contains("error 1001 store_wrong_password");
	}

	@Test
	void unreachablePlatformIsReportedAsSuch() {
		int status = run(Map.of("VOUCHER_DEVICE_PASSWORD", "a long password", "VOUCHER_PLATFORM", "http://127.0.0.1:9"),
				"individualize");

		assertThat(status).isEqualTo(VoucherDeviceCli.DRM_ERROR);
		assertThat(err()).contains("error 2001 platform_unreachable");
	}

	@Test
	void missingPasswordUnknownCommandAndMissingArgumentAreUsageErrorsWithTheirCodeAndNoUsageText() {
		assertThat(run(Map.of(), "list")).isEqualTo(VoucherDeviceCli.USAGE);
		assertThat(run(Map.of("VOUCHER_DEVICE_PASSWORD", "a long password"), "dance"))
			.isEqualTo(VoucherDeviceCli.USAGE);
		assertThat(run(Map.of("VOUCHER_DEVICE_PASSWORD", "a long password"), "join-group", "family"))
			.isEqualTo(VoucherDeviceCli.USAGE);
		assertThat(err().lines()).hasSize(3)
			.allSatisfy((line) -> assertThat(line).startsWith("error 6005 invalid_argument: "));
		assertThat(err()).contains("--token is required").doesNotContain("Usage: voucher-device");
	}

	@Test
	void closedPortSaysTheConnectionWasRefusedNeverNull() {
		int status = run(Map.of("VOUCHER_DEVICE_PASSWORD", "a long password", "VOUCHER_PLATFORM", "http://127.0.0.1:9"),
				"individualize");

		assertThat(status).isEqualTo(VoucherDeviceCli.DRM_ERROR);
		assertThat(err()).startsWith(
				"error 2001 platform_unreachable: The platform at http://127.0.0.1:9/ cannot be reached: the connection was refused")
			.doesNotContain("null");
	}

	@Test
	void badOptionValuesAreNamedWithTheirAllowedValuesNotJavaInternals() {
		Map<String, String> env = Map.of("VOUCHER_DEVICE_PASSWORD", "a long password");

		assertThat(run(env, "individualize", "--max-hdcp", "HDCP_V9")).isEqualTo(VoucherDeviceCli.USAGE);
		assertThat(run(env, "individualize", "--security-level", "abc")).isEqualTo(VoucherDeviceCli.USAGE);
		assertThat(run(env, "--output-hdcp", "v3", "list")).isEqualTo(VoucherDeviceCli.USAGE);
		assertThat(run(env, "--platform", "localhost:8080", "list")).isEqualTo(VoucherDeviceCli.USAGE);
		assertThat(run(env, "fetch", "--timeout", "5")).isEqualTo(VoucherDeviceCli.USAGE);
		assertThat(run(env, "challenge", "movie", "--key-id", "zz")).isEqualTo(VoucherDeviceCli.USAGE);

		assertThat(err().lines()).containsExactly(
				"error 6005 invalid_argument: --max-hdcp takes one of HDCP_NONE, HDCP_V1, HDCP_V2, not 'HDCP_V9' (voucher-device --help lists every command)",
				"error 6005 invalid_argument: --security-level takes a whole number from 1 to 5, not 'abc' (voucher-device --help lists every command)",
				"error 6005 invalid_argument: --output-hdcp takes one of HDCP_NONE, HDCP_V1, HDCP_V2, not 'v3' (voucher-device --help lists every command)",
				"error 6005 invalid_argument: --platform takes an http(s) URL such as http://localhost:8080, not 'localhost:8080' (voucher-device --help lists every command)",
				"error 6005 invalid_argument: --timeout goes with --wait (voucher-device --help lists every command)",
				"error 6005 invalid_argument: --key-id takes a key id in hex (32 hex digits), not 'zz' (voucher-device --help lists every command)");
		assertThat(err()).doesNotContain("No enum constant").doesNotContain("For input string");
	}

	@Test
	void fetchBeforeRegisteringIsNotRegistered() {
		int status = run(Map.of("VOUCHER_DEVICE_PASSWORD", "a long password"), "fetch");

		assertThat(status).isEqualTo(VoucherDeviceCli.DRM_ERROR);
		assertThat(err()).startsWith("error 6003 not_registered: No generated ID is registered on this device")
			.doesNotContain("Usage:");
	}

	@Test
	void licenseRenewAndChallengeBeforeIndividualizationAreNotIndividualized() {
		Map<String, String> env = Map.of("VOUCHER_DEVICE_PASSWORD", "a long password");

		assertThat(run(env, "license", "movie", "--proxy", "http://127.0.0.1:9/"))
			.isEqualTo(VoucherDeviceCli.DRM_ERROR);
		assertThat(run(env, "challenge", "movie")).isEqualTo(VoucherDeviceCli.DRM_ERROR);
		assertThat(run(env, "renew", "some-license", "--proxy", "http://127.0.0.1:9/"))
			.isEqualTo(VoucherDeviceCli.DRM_ERROR);

		assertThat(err().lines()).hasSize(3)
			.allSatisfy((line) -> assertThat(line).startsWith("error 6001 not_individualized: "));
	}

	@Test
	void licenseWithoutProxyIsAUsageError() {
		int status = run(Map.of("VOUCHER_DEVICE_PASSWORD", "a long password"), "license", "movie");

		assertThat(status).isEqualTo(VoucherDeviceCli.USAGE);
		assertThat(err()).startsWith("error 6005 invalid_argument: --proxy is required");
	}

	private int run(Map<String, String> environment, String... args) {
		List<String> line = new ArrayList<>(List.of("--store", this.store.toString()));
		line.addAll(List.of(args));
		return new VoucherDeviceCli(new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), environment)
			.run(line.toArray(String[]::new));
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
