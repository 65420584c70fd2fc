package io.voucher.client.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import io.voucher.client.DrmError;
import io.voucher.client.DrmException;
import io.voucher.client.platform.HttpLicenseProxy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DemoLicenseProxyTests {

	final ByteArrayOutputStream out = new ByteArrayOutputStream();

	final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void withoutTheProvidersTokenItRefusesToStartWithItsCode() {
		int status = DemoLicenseProxy.start(new String[] { "--provider", "acme", "--policy", "rental", "--port", "0" },
				Map.of(), new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));

		assertThat(status).isEqualTo(VoucherDeviceCli.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).startsWith(
				"error 6005 invalid_argument: the provider's API credential is needed in VOUCHER_PROVIDER_TOKEN");
	}

	@Test
	void badPortIsNamedWithItsRange() {
		int status = DemoLicenseProxy.start(new String[] { "--provider", "acme", "--policy", "rental", "--port", "x" },
				Map.of("VOUCHER_PROVIDER_TOKEN", "vch_test"), new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8));

		assertThat(status).isEqualTo(VoucherDeviceCli.USAGE);
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.startsWith("error 6005 invalid_argument: --port takes a whole number from 0 to 65535, not 'x'");
	}

	@Test
	void platformOutOfReachIsAnsweredAsAProblemTheDeviceReadsAsUnreachable() throws Exception {
		HttpServer proxy = DemoLicenseProxy.serve(URI.create("http://127.0.0.1:9"), "acme", "rental", "vch_test", 0);
		try {
			HttpLicenseProxy device = new HttpLicenseProxy(
					URI.create("http://127.0.0.1:" + proxy.getAddress().getPort() + "/"));

			assertThatExceptionOfType(DrmException.class).isThrownBy(() -> device.requestLicense("a.b.c"))
				.satisfies((ex) -> {
					assertThat(ex.error()).isEqualTo(DrmError.PLATFORM_UNREACHABLE);
					assertThat(ex.platformCode()).isEqualTo("SERVICE_UNAVAILABLE");
					assertThat(ex.getMessage()).contains("the connection was refused").doesNotContain("vch_test");
				});
		}
		finally {
			proxy.stop(0);
		}
	}

}
