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
	void missingPasswordUnknownCommandAndMissingArgumentAreUsageErrors() {
		assertThat(run(Map.of(), "list")).isEqualTo(VoucherDeviceCli.USAGE);
		assertThat(run(Map.of("VOUCHER_DEVICE_PASSWORD", "a long password"), "dance"))
			.isEqualTo(VoucherDeviceCli.USAGE);
		assertThat(run(Map.of("VOUCHER_DEVICE_PASSWORD", "a long password"), "join-group", "family"))
			.isEqualTo(VoucherDeviceCli.USAGE);
		assertThat(err()).contains("--token is required").contains("Usage: voucher-device");
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
