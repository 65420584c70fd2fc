package io.voucher.api.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;
import io.voucher.api.testing.HttpTester;
import io.voucher.client.cli.DemoLicenseProxy;
import io.voucher.client.cli.VoucherDeviceCli;
import io.voucher.crypto.voucher.TrackType;
import io.voucher.domain.content.ContentId;
import io.voucher.domain.content.ContentService;
import io.voucher.domain.content.KeyRequest;
import io.voucher.domain.provider.ProviderService;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The device CLI against the running platform: an online license and its renewal through
 * the demo license proxy, a challenge a provider's backend posts itself, and
 * {@code fetch --wait} for pre-generation.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "voucher.jobs.polling-interval=200ms")
@PostgresTest
class DeviceCliFlowTests {

	@LocalServerPort
	int port;

	@Autowired
	ProviderService providers;

	@Autowired
	ContentService contents;

	@TempDir
	Path store;

	ProviderBackend backend;

	String token;

	HttpServer proxy;

	ByteArrayOutputStream out = new ByteArrayOutputStream();

	ByteArrayOutputStream err = new ByteArrayOutputStream();

	@BeforeEach
	void providerContentPolicyAndProxy() throws IOException {
		String provider = "cli-" + UUID.randomUUID().toString().substring(0, 8);
		UUID providerId = this.providers.create(provider, "Device CLI").id();
		this.token = this.providers.createCredential(provider, "backend").token();
		this.backend = new ProviderBackend(new HttpTester(this.port), provider, this.token);
		this.contents.create(providerId, new ContentId("movie"), "Movie", List.of(KeyRequest.generate(TrackType.SD)));
		this.backend.post("/api/v1/policies", "{\"name\": \"renewable\", \"can_play\": true, \"can_persist\": true, "
				+ "\"can_renew\": true, \"license_duration_seconds\": 86400}");
		this.proxy = DemoLicenseProxy.serve(URI.create("http://localhost:" + this.port), provider, "renewable",
				this.token, 0);
	}

	@AfterEach
	void stopProxy() {
		this.proxy.stop(0);
	}

	@Test
	void onlineLicenseThroughTheProxyPlaysAndIsRenewed() {
		String proxyUrl = "http://127.0.0.1:" + this.proxy.getAddress().getPort() + "/";
		assertThat(cli("individualize", "--make", "Acme", "--model", "TV")).isZero();

		assertThat(cli("license", "movie", "--proxy", proxyUrl)).as(err()).isZero();
		String licenseId = out().lines()
			.filter((line) -> line.startsWith("stored "))
			.findFirst()
			.orElseThrow()
			.split(" ")[1];
		assertThat(cli("play", "movie")).as(err()).isZero();
		assertThat(out()).contains("license " + licenseId + " plays movie");
		assertThat(cli("renew", licenseId, "--proxy", proxyUrl)).as(err()).isZero();

		assertThat(out()).contains("renewed " + licenseId + " for movie");
		assertThat(cli("play", "movie")).isZero();
	}

	@Test
	void licenseRefusedByThePlatformIsLicenseRequestDeniedWithItsStatus() {
		String proxyUrl = "http://127.0.0.1:" + this.proxy.getAddress().getPort() + "/";
		cli("individualize");

		int status = cli("license", "no-such-content", "--proxy", proxyUrl);

		assertThat(status).isEqualTo(3);
		assertThat(err()).startsWith("error 2007 license_request_denied: The license server refused (");
	}

	@Test
	void closedProxyPortIsPlatformUnreachableWithASentence() {
		cli("individualize");

		int status = cli("license", "movie", "--proxy", "http://127.0.0.1:9/");

		assertThat(status).isEqualTo(3);
		assertThat(err()).startsWith(
				"error 2001 platform_unreachable: The license proxy at http://127.0.0.1:9/ cannot be reached: the connection was refused");
	}

	@Test
	void challengeIsTheLicenseMessagesPayload() {
		cli("individualize");
		assertThat(cli("challenge", "movie")).isZero();
		String challenge = out().strip();

		JsonNode answer = this.backend.post("/api/v1/licenses", "{\"payload\": \"" + challenge + "\", \"provider\": \""
				+ this.backend.provider() + "\", \"policy_name\": \"renewable\"}");

		assertThat(challenge.split("\\.")).hasSize(3);
		assertThat(answer.path("status").asString()).isEqualTo("OK");
	}

	@Test
	void fetchWaitWaitsUntilPreGenerationBringsTheLicense() {
		cli("individualize");
		assertThat(cli("register", "--provider", this.backend.provider())).isZero();
		String id = out().strip();
		this.backend.entitle(id, "movie", "renewable");

		int status = cli("fetch", "--wait");

		assertThat(status).as(err()).isZero();
		assertThat(out()).contains("stored ").contains(" for movie (device)");
		assertThat(cli("play", "movie")).isZero();
	}

	@Test
	void fetchWaitGivesUpWithAHintWhenNothingIsEntitled() {
		cli("individualize");
		cli("register", "--provider", this.backend.provider());

		int status = cli("fetch", "--wait", "--timeout", "1");

		assertThat(status).isEqualTo(3);
		assertThat(err()).contains("waiting for pre-generation")
			.contains("error 3008 license_not_found: The bundle brought no new license within 1 s");
	}

	private int cli(String... args) {
		this.out.reset();
		this.err.reset();
		List<String> line = new ArrayList<>(List.of("--store", this.store.toString()));
		line.addAll(List.of(args));
		return VoucherDeviceCli.run(line.toArray(String[]::new),
				new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), Map.of("VOUCHER_DEVICE_PASSWORD",
						"a long store password", "VOUCHER_PLATFORM", "http://localhost:" + this.port));
	}

	private String out() {
		return this.out.toString(StandardCharsets.UTF_8);
	}

	private String err() {
		return this.err.toString(StandardCharsets.UTF_8);
	}

}
