package io.voucher.api.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.microsoft.playwright.Page;
import io.voucher.api.player.ClearKeyClip;
import io.voucher.api.player.MediaServer;
import io.voucher.api.testing.HttpTester;
import io.voucher.crypto.keys.SecretBytes;
import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.TrackType;
import io.voucher.domain.content.ContentId;
import io.voucher.domain.content.ContentService;
import io.voucher.domain.content.KeyRequest;
import io.voucher.domain.policy.PlaybackPolicy;
import io.voucher.domain.policy.PolicyName;
import io.voucher.domain.policy.PolicyService;
import io.voucher.domain.provider.ProviderService;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's try-it player end to end: an ADMIN picks a content and a policy, the page
 * gets a test token from the server, and Shaka Player plays a CENC stream from another
 * origin (a CDN's place) with keys from Voucher's Clear Key endpoint; with Clear Key
 * switched off the page tells why, with Voucher's code.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "voucher.admin.initial-username=root",
				"voucher.admin.initial-password=" + TryItPlayerEndToEndTests.PASSWORD })
@PostgresTest
class TryItPlayerEndToEndTests {

	static final String PASSWORD = "try-it admin password";

	static final Path MEDIA = temporaryFolder();

	static MediaServer media;

	static ConsoleBrowser chromium;

	@DynamicPropertySource
	static void playerOrigin(DynamicPropertyRegistry registry) throws IOException {
		if (media == null) {
			media = MediaServer.start(MEDIA);
		}
		registry.add("voucher.console.player-origins", media::origin);
	}

	@BeforeAll
	static void launchBrowser() {
		chromium = ConsoleBrowser.launch();
	}

	@AfterAll
	static void stop() {
		if (chromium != null) {
			chromium.close();
		}
		if (media != null) {
			media.close();
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	ProviderService providers;

	@Autowired
	ContentService contents;

	@Autowired
	PolicyService policies;

	@Test
	void adminPlaysAStreamThroughTheTryItPageAndSeesVoucherCodeWhenClearKeyIsOff() throws Exception {
		HttpTester http = new HttpTester(this.port);
		String provider = "try-it-" + UUID.randomUUID().toString().substring(0, 8);
		UUID providerId = this.providers.create(provider, "Try It Media").id();
		String backend = this.providers.createCredential(provider, "backend").token();
		ClearKeyClip.Key video = key();
		ClearKeyClip.Key audio = key();
		this.contents.create(providerId, new ContentId("trailer"), "Trailer",
				List.of(new KeyRequest(TrackType.SD, KeyId.ofHex(video.kidHex()),
						SecretBytes.copyOf(HexFormat.of().parseHex(video.keyHex()))),
						new KeyRequest(TrackType.AUDIO, KeyId.ofHex(audio.kidHex()),
								SecretBytes.copyOf(HexFormat.of().parseHex(audio.keyHex())))));
		this.policies.create(providerId, new PolicyName("preview"), PlaybackPolicy.builder().canPlay(true).build(),
				Map.of());
		Path dash = ClearKeyClip.make(Files.createTempDirectory(MEDIA, "work"), video, audio);
		String manifest = media.origin() + "/media/" + MEDIA.relativize(dash) + "/manifest.mpd";
		clearKey(http, backend, true);

		List<String> errors = new ArrayList<>();
		Page page = chromium.newPage(errors);
		try {
			page.navigate("http://localhost:" + this.port + "/admin/try-it?provider=" + provider);
			ConsoleBrowser.signIn(page, "root", PASSWORD);
			assertThat(page.getByTestId("page-title")).hasText("Try-it player");
			page.getByTestId("field-tryit-content").selectOption("trailer");
			page.getByTestId("field-tryit-policy").selectOption("preview");
			page.getByTestId("field-manifest_url").fill("ftp://example.com/a.mpd");
			page.getByTestId("try-it-play").click();
			assertThat(page.getByTestId("error-manifest_url")).hasText("Only http and https manifests play here.");

			page.getByTestId("field-manifest_url").fill(manifest);
			page.getByTestId("try-it-play").click();
			assertThat(page.getByTestId("try-it-status")).isVisible();
			page.waitForFunction("() => document.querySelector('[data-testid=try-it-video]').currentTime > 2"
					+ " || document.querySelector('[data-testid=try-it-error]') !== null");
			assertThat(page.getByTestId("try-it-error")).hasCount(0);
			assertThat(page.getByTestId("try-it-token")).containsText("Test token valid until");
			ConsoleBrowser.screenshot(page, "try-it-player");
			assertThat(errors).isEmpty();

			// Clear Key switched off: the license request is refused, and the page says
			// so.
			clearKey(http, backend, false);
			page.reload();
			page.getByTestId("field-tryit-content").selectOption("trailer");
			page.getByTestId("field-tryit-policy").selectOption("preview");
			page.getByTestId("field-manifest_url").fill(manifest);
			page.getByTestId("try-it-play").click();
			assertThat(page.getByTestId("try-it-error-code")).hasText("CLEAR_KEY_DISABLED");
			assertThat(page.getByTestId("try-it-error-detail")).containsText("Clear Key is switched off");
			ConsoleBrowser.screenshot(page, "try-it-player-refused");
		}
		finally {
			page.close();
		}
		HttpResponse<String> audit = http
			.request("GET", "/api/v1/admin/audit-events?action=" + "POST%20/api/v1/contents/%7BcontentId%7D/test-token")
			.basic("root", PASSWORD)
			.send();
		assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
		// Both test tokens (played, then refused), by the ADMIN who asked for them.
		JsonNode events = HttpTester.json(audit).get("items");
		List<String> askedBy = new ArrayList<>();
		for (int i = 0; i < events.size(); i++) {
			JsonNode event = events.get(i);
			if (event.get("target").asString().equals("/api/v1/contents/trailer/test-token")
					&& event.get("outcome").asString().equals("SUCCESS")) {
				askedBy.add(event.get("actor_type").asString() + " " + event.get("actor").asString());
			}
		}
		assertThat(askedBy).containsExactly("ADMIN root", "ADMIN root");
	}

	private static void clearKey(HttpTester http, String credential, boolean enabled) {
		HttpResponse<String> current = http.request("GET", "/api/v1/device-admission").bearer(credential).send();
		ObjectNode admission = (ObjectNode) HttpTester.json(current);
		// The settings as they are, without what the server records about the change.
		admission.remove(List.of("updated_at", "updated_by"));
		admission.put("clear_key_enabled", enabled);
		HttpResponse<String> updated = http.request("PUT", "/api/v1/device-admission")
			.bearer(credential)
			.json(admission.toString())
			.send();
		assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
	}

	private static ClearKeyClip.Key key() {
		HexFormat hex = HexFormat.of();
		return new ClearKeyClip.Key(KeyId.random().toHex(), hex.formatHex(SecretBytes.random(16).toByteArray()));
	}

	private static Path temporaryFolder() {
		try {
			Path folder = Files.createTempDirectory("try-it-media");
			folder.toFile().deleteOnExit();
			return folder;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
