package io.voucher.api.player;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import com.microsoft.playwright.Page;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.voucher.api.platform.ConsoleBrowser;
import io.voucher.api.testing.HttpTester;
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
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shaka Player, from npm, plays in Debian's Chromium a CENC stream whose keys only
 * Voucher holds: a packager fetches the content's keys through the CPIX endpoint, ffmpeg
 * encrypts a generated clip with them ({@code cenc-aes-ctr}), and the player gets them
 * back from Voucher's Clear Key endpoint with an entitlement token the provider's backend
 * signed. A bad token stops playback with an error that carries Voucher's problem code.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@PostgresTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShakaClearKeyPlaybackTests {

	static final String CPIX = "urn:dashif:org:cpix";

	static final String PSKC = "urn:ietf:params:xml:ns:keyprov:pskc";

	static final String CLEAR_KEY_SYSTEM = "e2719d58-a985-b3c9-781a-b030af78d30e";

	static final JsonMapper JSON = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@Autowired
	ProviderService providers;

	@Autowired
	ContentService contents;

	@Autowired
	PolicyService policies;

	ConsoleBrowser chromium;

	MediaServer media;

	HttpTester http;

	String provider;

	String backend;

	String tokenKid;

	byte[] tokenSecret;

	@BeforeAll
	void providerStreamAndBrowser(@TempDir Path dir) throws Exception {
		this.http = new HttpTester(this.port);
		this.provider = "shaka-" + UUID.randomUUID().toString().substring(0, 8);
		UUID providerId = this.providers.create(this.provider, "Shaka Streams").id();
		this.backend = this.providers.createCredential(this.provider, "backend").token();
		String packager = this.providers.createCredential(this.provider, "packager", true).token();
		KeyId videoKid = KeyId.random();
		KeyId audioKid = KeyId.random();
		this.contents.create(providerId, new ContentId("clip"), "Test clip",
				List.of(new KeyRequest(TrackType.SD, videoKid, null), new KeyRequest(TrackType.AUDIO, audioKid, null)));
		this.policies.create(providerId, new PolicyName("preview"), PlaybackPolicy.builder().canPlay(true).build(),
				Map.of());

		// The packager's side: keys through CPIX, then ffmpeg.
		Map<String, String> keys = cpixKeys(packager, "clip", Map.of(videoKid, "VideoFilter", audioKid, "AudioFilter"));
		Path dash = ClearKeyClip.make(dir, new ClearKeyClip.Key(videoKid.toHex(), keys.get(videoKid.toHex())),
				new ClearKeyClip.Key(audioKid.toHex(), keys.get(audioKid.toHex())));
		this.chromium = ConsoleBrowser.launch();
		this.media = MediaServer.start(dash);

		// The provider's side: Clear Key on, the player's origin allowed, a token key.
		switchClearKeyOn(this.backend);
		HttpResponse<String> cors = this.http.request("PUT", "/api/v1/cors-origins")
			.bearer(this.backend)
			.json("{\"origins\": [\"" + this.media.origin() + "\"]}")
			.send();
		assertThat(cors.statusCode()).as(cors.body()).isEqualTo(200);
		HttpResponse<String> key = this.http.request("POST", "/api/v1/entitlement-token-keys")
			.bearer(this.backend)
			.json("{\"algorithm\": \"HS256\", \"kid\": \"backend-1\"}")
			.send();
		assertThat(key.statusCode()).as(key.body()).isEqualTo(201);
		this.tokenKid = "backend-1";
		this.tokenSecret = Base64.getUrlDecoder().decode(HttpTester.json(key).get("secret").asString());
	}

	@AfterAll
	void stop() {
		if (this.media != null) {
			this.media.close();
		}
		if (this.chromium != null) {
			this.chromium.close();
		}
	}

	@Test
	void shakaPlaysTheCencStreamWithKeysFromVoucherClearKeyEndpoint() throws Exception {
		List<String> errors = new ArrayList<>();
		Page page = this.chromium.newPage(errors);
		try {
			play(page, token(this.tokenSecret));
			page.waitForFunction(
					"() => document.getElementById('video').currentTime > 2" + " || window.playback.errors.length > 0");
			assertThat(page.evaluate("() => JSON.stringify(window.playback.errors)")).isEqualTo("[]");
			assertThat(((Number) page.evaluate("() => document.getElementById('video').currentTime")).doubleValue())
				.isGreaterThan(2.0);
			// Headless Chromium here cannot read video frames back into a canvas (the
			// frame stays black to drawImage), but it composites them: the element's
			// screenshot is the decoded frame.
			BufferedImage frame = ImageIO.read(new ByteArrayInputStream(page.locator("#video").screenshot()));
			assertThat(lumaVariance(frame)).as("variance of the decoded frame's luma").isGreaterThan(500.0);
			ConsoleBrowser.screenshot(page, "shaka-clear-key-playback");
		}
		finally {
			page.close();
		}
	}

	@Test
	void shakaErrorCarriesVoucherProblemCodeWhenTheTokenIsBad() {
		List<String> errors = new ArrayList<>();
		Page page = this.chromium.newPage(errors);
		try {
			byte[] wrongSecret = new byte[32];
			play(page, token(wrongSecret));
			page.waitForFunction("() => window.playback.errors.length > 0");
			JsonNode error = JSON.readTree((String) page.evaluate("() => JSON.stringify(window.playback.errors[0])"));
			assertThat(error.get("code").asInt()).as(error.toString()).isEqualTo(6007);
			assertThat(error.get("status").asInt()).isEqualTo(403);
			assertThat(error.get("voucherCode").asString()).isEqualTo("ENTITLEMENT_TOKEN_REJECTED");
			assertThat(error.get("reason").asString()).isEqualTo("BAD_SIGNATURE");
		}
		finally {
			page.close();
		}
	}

	private void play(Page page, String token) {
		page.navigate(this.media.origin() + "/player.html");
		// Started, not awaited: the test waits for what the player does.
		page.evaluate("([manifest, server, token]) => { window.startPlayback(manifest, server, token); }",
				List.of(this.media.origin() + "/media/manifest.mpd",
						"http://localhost:" + this.port + "/api/v1/clearkey/license", token));
	}

	/**
	 * An entitlement token as the provider's backend signs it: content and policy, no
	 * device.
	 */
	private String token(byte[] secret) {
		try {
			Instant now = Instant.now();
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(this.tokenKid).type(JOSEObjectType.JWT).build(),
					new JWTClaimsSet.Builder().issuer(this.provider)
						.audience("voucher")
						.issueTime(Date.from(now))
						.expirationTime(Date.from(now.plusSeconds(600)))
						.jwtID(UUID.randomUUID().toString())
						.claim("cid", "clip")
						.claim("policy_name", "preview")
						.build());
			jwt.sign(new MACSigner(secret));
			return jwt.serialize();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private void switchClearKeyOn(String credential) {
		HttpResponse<String> current = this.http.request("GET", "/api/v1/device-admission").bearer(credential).send();
		assertThat(current.statusCode()).as(current.body()).isEqualTo(200);
		ObjectNode admission = (ObjectNode) HttpTester.json(current);
		// The settings as they are, without what the server records about the change.
		admission.remove(List.of("updated_at", "updated_by"));
		admission.put("clear_key_enabled", true);
		HttpResponse<String> updated = this.http.request("PUT", "/api/v1/device-admission")
			.bearer(credential)
			.json(admission.toString())
			.send();
		assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
		assertThat(HttpTester.json(updated).get("clear_key_enabled").asBoolean()).isTrue();
	}

	/**
	 * The content's keys in clear, through the CPIX endpoint, as a packager with a
	 * {@code key_export} credential gets them: kid (hex) → key (hex).
	 */
	private Map<String, String> cpixKeys(String packager, String contentId, Map<KeyId, String> filters)
			throws Exception {
		StringBuilder request = new StringBuilder(
				"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<cpix:CPIX xmlns:cpix=\"")
			.append(CPIX)
			.append("\" xmlns:pskc=\"")
			.append(PSKC)
			.append("\" contentId=\"")
			.append(contentId)
			.append("\" version=\"2.3\">\n<cpix:ContentKeyList>\n");
		filters.keySet()
			.forEach((kid) -> request.append("<cpix:ContentKey kid=\"")
				.append(uuid(kid))
				.append("\" commonEncryptionScheme=\"cenc\"/>\n"));
		request.append("</cpix:ContentKeyList>\n<cpix:DRMSystemList>\n");
		filters.keySet()
			.forEach((kid) -> request.append("<cpix:DRMSystem kid=\"")
				.append(uuid(kid))
				.append("\" systemId=\"")
				.append(CLEAR_KEY_SYSTEM)
				.append("\"><cpix:PSSH/></cpix:DRMSystem>\n"));
		request.append("</cpix:DRMSystemList>\n<cpix:ContentKeyUsageRuleList>\n");
		filters.forEach((kid, filter) -> request.append("<cpix:ContentKeyUsageRule kid=\"")
			.append(uuid(kid))
			.append("\"><cpix:")
			.append(filter)
			.append("/></cpix:ContentKeyUsageRule>\n"));
		request.append("</cpix:ContentKeyUsageRuleList>\n</cpix:CPIX>\n");
		HttpResponse<String> response = this.http.request("POST", "/api/v1/cpix")
			.bearer(packager)
			.body("application/xml", request.toString())
			.send();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultNSInstance();
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		Document answer = factory.newDocumentBuilder().parse(new InputSource(new StringReader(response.body())));
		Map<String, String> keys = new LinkedHashMap<>();
		NodeList contentKeys = answer.getElementsByTagNameNS(CPIX, "ContentKey");
		for (int i = 0; i < contentKeys.getLength(); i++) {
			Element key = (Element) contentKeys.item(i);
			String plain = key.getElementsByTagNameNS(PSKC, "PlainValue").item(0).getTextContent().trim();
			keys.put(key.getAttribute("kid").replace("-", "").toLowerCase(),
					HexFormat.of().formatHex(Base64.getDecoder().decode(plain)));
		}
		assertThat(keys).hasSize(filters.size());
		return keys;
	}

	private static String uuid(KeyId kid) {
		String hex = kid.toHex();
		return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
				+ hex.substring(16, 20) + "-" + hex.substring(20);
	}

	/** How much the picture varies: a blank (one-colour) frame gives 0. */
	static double lumaVariance(BufferedImage image) {
		double sum = 0;
		double squares = 0;
		long count = 0;
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				int rgb = image.getRGB(x, y);
				double luma = 0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff);
				sum += luma;
				squares += luma * luma;
				count++;
			}
		}
		double mean = sum / count;
		return squares / count - mean * mean;
	}

}
