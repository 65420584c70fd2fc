package io.voucher.api.cpix;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.voucher.api.testing.HttpTester;
import io.voucher.client.DrmError;
import io.voucher.client.DrmException;
import io.voucher.client.DrmManager;
import io.voucher.client.LicenseRequest;
import io.voucher.client.platform.HttpDevicePlatform;
import io.voucher.client.store.DeviceStore;
import io.voucher.crypto.pki.DeviceProfile;
import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.SecurityLevel;
import io.voucher.crypto.voucher.ContentKey;
import io.voucher.domain.audit.AuditEvent;
import io.voucher.domain.audit.AuditTrail;
import io.voucher.domain.provider.ProviderService;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.domain.PageRequest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static io.voucher.api.cpix.CpixDocuments.CLEAR_KEY;
import static io.voucher.api.cpix.CpixDocuments.NS;
import static io.voucher.api.cpix.CpixDocuments.VOUCHER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * CPIX key delivery against the running platform: answers validate against the CPIX 2.3
 * schema, their keys (in clear for a key_export credential, or decrypted by the packager
 * with its own private key) are the keys that an online license for the same content
 * carries, and every refusal is a problem with its stable code.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@PostgresTest
class CpixApiTests {

	/** The SD key id of the fixture content, injected. */
	static final String SD_KID = "0123456789abcdef0123456789abcdef";

	static final String SD_KEY = "00112233445566778899aabbccddeeff";

	/**
	 * A packager whose certificate the platform trusts (voucher.cpix.trusted-recipients).
	 */
	static final CpixDocuments.Packager TRUSTED = CpixDocuments.trustedPackager();

	@DynamicPropertySource
	static void trustThePackager(DynamicPropertyRegistry registry) {
		registry.add("voucher.cpix.trusted-recipients", () -> CpixKeyDelivery.sha256(TRUSTED.certificate()));
	}

	@LocalServerPort
	int port;

	@Autowired
	ProviderService providers;

	@Autowired
	AuditTrail trail;

	@TempDir
	Path work;

	HttpTester http;

	String provider;

	/** A credential without key_export. */
	String backend;

	/** A credential with key_export. */
	String packager;

	/** The generated AUDIO key's id (hex). */
	String audioKid;

	@BeforeEach
	void content() {
		this.http = new HttpTester(this.port);
		this.provider = "cpix-" + UUID.randomUUID().toString().substring(0, 8);
		this.providers.create(this.provider, "CPIX");
		this.backend = this.providers.createCredential(this.provider, "backend").token();
		this.packager = this.providers.createCredential(this.provider, "packager", true).token();
		HttpResponse<String> created = this.http.request("POST", "/api/v1/contents")
			.bearer(this.backend)
			.json("{\"content_id\": \"clip\", \"keys\": [{\"track_type\": \"SD\", \"key_id\": \"" + base64Hex(SD_KID)
					+ "\", \"key\": \"" + base64Hex(SD_KEY) + "\"}, {\"track_type\": \"AUDIO\"}]}")
			.send();
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		for (JsonNode key : HttpTester.json(created).path("keys")) {
			if (key.path("track_type").asString().equals("AUDIO")) {
				this.audioKid = key.path("key_id_hex").asString();
			}
		}
		HttpResponse<String> policy = this.http.request("POST", "/api/v1/policies")
			.bearer(this.backend)
			.json("{\"name\": \"sdk\", \"can_play\": true, \"can_persist\": true, \"license_duration_seconds\": 86400}")
			.send();
		assertThat(policy.statusCode()).as(policy.body()).isEqualTo(201);
	}

	@Test
	void keysInClearForAKeyExportCredentialValidateAndAreTheKeysAnOnlineLicenseCarries() throws Exception {
		Map<String, String> licensed = licenseKeys();

		HttpResponse<String> answer = cpix(this.packager,
				CpixDocuments.request("clip", List.of(CpixDocuments.uuid(SD_KID), CpixDocuments.uuid(this.audioKid)),
						List.of(CLEAR_KEY, VOUCHER), List.of()));

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		assertThat(answer.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/xml"));
		assertThat(answer.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((value) -> assertThat(value).contains("no-store"));
		CpixDocuments.validate(answer.body());
		Document document = CpixDocuments.parse(answer.body());
		assertThat(document.getDocumentElement().getAttribute("contentId")).isEqualTo("clip");
		Map<String, String> keys = CpixDocuments.clearKeys(document);
		assertThat(keys).containsEntry(CpixDocuments.uuid(SD_KID), SD_KEY);
		assertThat(keys).isEqualTo(licensed);
		assertThat(CpixDocuments.elements(document.getDocumentElement(), NS, "DeliveryDataList")).isEmpty();
	}

	@Test
	void keysEncryptedToATrustedPackagerDecryptWithItsPrivateKeyForACredentialWithoutKeyExport() throws Exception {
		Map<String, String> licensed = licenseKeys();

		HttpResponse<String> answer = cpix(this.backend,
				CpixDocuments.request("clip", List.of(CpixDocuments.uuid(SD_KID), CpixDocuments.uuid(this.audioKid)),
						List.of(CLEAR_KEY), List.of(TRUSTED.certificate())));

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		assertThat(answer.body()).doesNotContain(base64Hex(SD_KEY)).doesNotContain("PlainValue");
		CpixDocuments.validate(answer.body());
		assertThat(CpixDocuments.decryptedKeys(CpixDocuments.parse(answer.body()), TRUSTED.certificate(),
				TRUSTED.privateKey()))
			.isEqualTo(licensed);
	}

	@Test
	void aKeyExportCredentialMayHaveKeysEncryptedToAnyCertificateAndEachRecipientOpensThem() throws Exception {
		CpixDocuments.Packager own = CpixDocuments.packager(2048);

		HttpResponse<String> answer = cpix(this.packager, CpixDocuments.request("clip",
				List.of(CpixDocuments.uuid(SD_KID)), List.of(), List.of(own.certificate(), TRUSTED.certificate())));

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		CpixDocuments.validate(answer.body());
		Document document = CpixDocuments.parse(answer.body());
		assertThat(CpixDocuments.decryptedKeys(document, own.certificate(), own.privateKey()))
			.containsExactly(Map.entry(CpixDocuments.uuid(SD_KID), SD_KEY));
		assertThat(CpixDocuments.decryptedKeys(document, TRUSTED.certificate(), TRUSTED.privateKey()))
			.containsExactly(Map.entry(CpixDocuments.uuid(SD_KID), SD_KEY));
	}

	@Test
	void withoutKeyExportACertificateTheOperatorDoesNotTrustIsRefused() throws Exception {
		CpixDocuments.Packager own = CpixDocuments.packager(2048);

		HttpResponse<String> refused = cpix(this.backend, CpixDocuments.request("clip",
				List.of(CpixDocuments.uuid(SD_KID)), List.of(), List.of(TRUSTED.certificate(), own.certificate())));

		assertProblem(refused, 403, "CPIX_RECIPIENT_NOT_TRUSTED");
		assertThat(refused.body()).doesNotContain("CipherValue").doesNotContain(base64Hex(SD_KEY));
	}

	@Test
	void withoutContentKeyListEveryActiveKeyIsDeliveredWithClearKeyAndVoucherSignalling() throws Exception {
		HttpResponse<String> answer = cpix(this.packager,
				CpixDocuments.request("clip", List.of(), List.of(), List.of()));

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		CpixDocuments.validate(answer.body());
		Element root = CpixDocuments.parse(answer.body()).getDocumentElement();
		assertThat(CpixDocuments.clearKeys(root.getOwnerDocument())).containsOnlyKeys(CpixDocuments.uuid(SD_KID),
				CpixDocuments.uuid(this.audioKid));
		Map<String, String> rules = new LinkedHashMap<>();
		for (Element rule : CpixDocuments.elements(root, NS, "ContentKeyUsageRule")) {
			rules.put(rule.getAttribute("kid"), rule.getAttribute("intendedTrackType"));
		}
		assertThat(rules).containsEntry(CpixDocuments.uuid(SD_KID), "SD")
			.containsEntry(CpixDocuments.uuid(this.audioKid), "AUDIO");
		List<Element> systems = CpixDocuments.elements(root, NS, "DRMSystem");
		assertThat(systems).hasSize(4);
		for (Element system : systems) {
			byte[] pssh = Base64.getDecoder().decode(CpixDocuments.only(system, NS, "PSSH").getTextContent().trim());
			String kid = system.getAttribute("kid").replace("-", "");
			String systemId = system.getAttribute("systemId").replace("-", "");
			String box = HexFormat.of().formatHex(pssh);
			// size, 'pssh', version 1 and flags 0, system id, one kid, the kid
			assertThat(box.substring(8, 24)).isEqualTo("7073736801000000");
			// Clear Key's box carries the W3C common system id, which browsers read
			String boxSystemId = systemId.equals(CLEAR_KEY.replace("-", "")) ? "1077efecc0b24d02ace33c1e52e2fb4b"
					: systemId;
			assertThat(box.substring(24, 56)).isEqualTo(boxSystemId);
			assertThat(box.substring(56, 64)).isEqualTo("00000001");
			assertThat(box.substring(64, 96)).isEqualTo(kid);
			assertThat(Integer.parseInt(box.substring(0, 8), 16)).isEqualTo(pssh.length);
			if (systemId.equals(CLEAR_KEY.replace("-", ""))) {
				assertThat(box.substring(96)).isEqualTo("00000000");
			}
			else {
				assertThat(systemId).isEqualTo(VOUCHER.replace("-", ""));
				assertThat(new String(pssh, 52, pssh.length - 52, StandardCharsets.UTF_8)).isEqualTo("clip");
			}
			String contentProtection = new String(
					Base64.getDecoder()
						.decode(CpixDocuments.only(system, NS, "ContentProtectionData").getTextContent().trim()),
					StandardCharsets.UTF_8);
			assertThat(contentProtection).isEqualTo("<cenc:pssh xmlns:cenc=\"urn:mpeg:cenc:2013\">"
					+ Base64.getEncoder().encodeToString(pssh) + "</cenc:pssh>");
		}
	}

	@Test
	void keysInClearWithoutKeyExportAreRefused() {
		HttpResponse<String> refused = cpix(this.backend,
				CpixDocuments.request("clip", List.of(CpixDocuments.uuid(SD_KID)), List.of(CLEAR_KEY), List.of()));

		assertProblem(refused, 403, "CPIX_DELIVERY_KEY_REQUIRED");
		assertThat(refused.body()).doesNotContain(SD_KEY)
			.doesNotContain(Base64.getEncoder().encodeToString(HexFormat.of().parseHex(SD_KEY)));
	}

	@Test
	void anotherProvidersContentDoesNotExistForTheCaller() {
		String other = "cpix-other-" + UUID.randomUUID().toString().substring(0, 8);
		this.providers.create(other, "Other");
		String otherPackager = this.providers.createCredential(other, "packager", true).token();

		HttpResponse<String> byKid = cpix(otherPackager,
				CpixDocuments.request("clip", List.of(CpixDocuments.uuid(SD_KID)), List.of(CLEAR_KEY), List.of()));
		HttpResponse<String> all = cpix(otherPackager, CpixDocuments.request("clip", List.of(), List.of(), List.of()));

		assertProblem(byKid, 404, "CONTENT_NOT_FOUND");
		assertProblem(all, 404, "CONTENT_NOT_FOUND");
		assertThat(byKid.body() + all.body()).doesNotContain(SD_KEY);
	}

	@Test
	void aKidTheContentDoesNotHaveIsNotFoundAndNoKeyIsCreated() {
		HttpResponse<String> unknown = cpix(this.packager,
				CpixDocuments.request("clip", List.of(UUID.randomUUID().toString()), List.of(CLEAR_KEY), List.of()));
		HttpResponse<String> content = this.http.request("GET", "/api/v1/contents/clip").bearer(this.backend).send();

		assertProblem(unknown, 404, "CPIX_KEY_NOT_FOUND");
		assertThat(HttpTester.json(content).path("keys").size()).isEqualTo(2);
	}

	@Test
	void documentsWithADoctypeAreRefusedWhateverTheirEntities() {
		String external = """
				<?xml version="1.0"?>
				<!DOCTYPE cpix:CPIX [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
				<cpix:CPIX xmlns:cpix="urn:dashif:org:cpix" contentId="&xxe;"/>
				""";
		String parameter = """
				<?xml version="1.0"?>
				<!DOCTYPE cpix:CPIX [<!ENTITY %% remote SYSTEM "http://127.0.0.1:%d/v3/api-docs"> %%remote;]>
				<cpix:CPIX xmlns:cpix="urn:dashif:org:cpix" contentId="clip"/>
				""".formatted(this.port);
		String laughs = """
				<?xml version="1.0"?>
				<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
				<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
				<cpix:CPIX xmlns:cpix="urn:dashif:org:cpix" contentId="&lol3;"/>
				""";

		for (String document : List.of(external, parameter, laughs)) {
			HttpResponse<String> refused = cpix(this.packager, document);
			assertProblem(refused, 400, "INVALID_CPIX");
			assertThat(refused.body()).contains("DOCTYPE").doesNotContain("root:").doesNotContain("lollol");
		}
	}

	@Test
	void whatIsNotACpixRequestIsRefused() {
		assertProblem(cpix(this.packager, "<cpix:CPIX xmlns:cpix=\"urn:dashif:org:cpix\""), 400, "INVALID_CPIX");
		assertProblem(cpix(this.packager, "<CPIX contentId=\"clip\"/>"), 400, "INVALID_CPIX");
		assertProblem(cpix(this.packager, "<cpix:CPIX xmlns:cpix=\"urn:dashif:org:cpix\"/>"), 400, "INVALID_CPIX");
		assertProblem(cpix(this.packager, CpixDocuments.request("clip", List.of("not-a-uuid"), List.of(), List.of())),
				400, "INVALID_CPIX");
		assertProblem(
				cpix(this.packager,
						CpixDocuments.request("clip", List.of(CpixDocuments.uuid(SD_KID)),
								List.of("edef8ba9-79d6-4ace-a3c8-27dcd51d21ed"), List.of())),
				400, "CPIX_DRM_SYSTEM_NOT_SUPPORTED");
		String withKey = CpixDocuments.request("clip", List.of(CpixDocuments.uuid(SD_KID)), List.of(), List.of())
			.replace("commonEncryptionScheme=\"cenc\"/>",
					"><cpix:Data><pskc:Secret><pskc:PlainValue>AAAAAAAAAAAAAAAAAAAAAA==</pskc:PlainValue>"
							+ "</pskc:Secret></cpix:Data></cpix:ContentKey>");
		assertProblem(cpix(this.packager, withKey), 400, "INVALID_CPIX");
		String badCertificate = CpixDocuments.request("clip", List.of(CpixDocuments.uuid(SD_KID)), List.of(), List.of())
			.replace("version=\"2.3\">",
					"version=\"2.3\"><cpix:DeliveryDataList><cpix:DeliveryData><cpix:DeliveryKey>"
							+ "<ds:X509Data><ds:X509Certificate>AAECAwQF</ds:X509Certificate></ds:X509Data>"
							+ "</cpix:DeliveryKey></cpix:DeliveryData></cpix:DeliveryDataList>");
		assertProblem(cpix(this.backend, badCertificate), 400, "INVALID_CPIX");
	}

	@Test
	void spekeV2AnswersWithItsHeadersAndRefusesOtherVersions() throws Exception {
		String request = CpixDocuments.request("clip", List.of(CpixDocuments.uuid(SD_KID)), List.of(CLEAR_KEY),
				List.of());

		HttpResponse<String> answer = this.http.request("POST", "/api/v1/speke/v2")
			.bearer(this.packager)
			.header("X-Speke-Version", "2.0")
			.body("application/xml", request)
			.send();
		HttpResponse<String> v1 = this.http.request("POST", "/api/v1/speke/v2")
			.bearer(this.packager)
			.header("X-Speke-Version", "1.0")
			.body("application/xml", request)
			.send();

		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		assertThat(answer.headers().firstValue("X-Speke-Version")).hasValue("2.0");
		assertThat(answer.headers().firstValue("X-Speke-User-Agent")).hasValue("Voucher");
		CpixDocuments.validate(answer.body());
		assertThat(CpixDocuments.clearKeys(CpixDocuments.parse(answer.body())))
			.containsExactly(Map.entry(CpixDocuments.uuid(SD_KID), SD_KEY));
		assertProblem(v1, 400, "INVALID_CPIX");
	}

	@Test
	void everyDeliveryIsInTheAuditTrailWithoutKeys() {
		cpix(this.packager,
				CpixDocuments.request("clip", List.of(CpixDocuments.uuid(SD_KID)), List.of(CLEAR_KEY), List.of()));

		List<AuditEvent> events = this.trail
			.list(new AuditTrail.Filter(this.providers.get(this.provider).id(), null, "CPIX_KEY_DELIVERY", null, null,
					null), PageRequest.of(0, 10))
			.getContent();
		assertThat(events).hasSize(1);
		assertThat(events.get(0).target()).isEqualTo("content:clip kids:" + SD_KID);
		assertThat(events.get(0).detail()).isEqualTo("clear");
		assertThat(events.get(0).actor()).startsWith(this.provider + "/");
		assertThat(events.get(0).toString() + events.get(0).target()).doesNotContain(SD_KEY);
	}

	/** The keys an online license for the content carries, by kid (UUID) → key (hex). */
	private Map<String, String> licenseKeys() {
		DrmManager device = DrmManager.builder()
			.store(DeviceStore.open(this.work.resolve("device"), "device store password".toCharArray()))
			.platform(new HttpDevicePlatform(URI.create("http://localhost:" + this.port)))
			.build();
		device.individualize(new DeviceProfile("Acme", "Player", SecurityLevel.of(1), HdcpVersion.HDCP_NONE));
		device.loadVoucher(LicenseRequest.offline("clip"), this::license);
		Map<String, String> keys = new LinkedHashMap<>();
		for (ContentKey key : device.play("clip").contentKeys()) {
			keys.put(CpixDocuments.uuid(key.grant().keyId().toHex()),
					HexFormat.of().formatHex(key.key().toByteArray()));
		}
		assertThat(keys).hasSize(2);
		return keys;
	}

	private byte[] license(String challenge) {
		HttpResponse<String> response = this.http.request("POST", "/api/v1/licenses")
			.bearer(this.backend)
			.json("{\"payload\": \"" + challenge + "\", \"provider\": \"" + this.provider
					+ "\", \"policy_name\": \"sdk\"}")
			.send();
		JsonNode answer = HttpTester.json(response);
		if (response.statusCode() != 200 || !"OK".equals(answer.path("status").asString())) {
			throw new DrmException(DrmError.LICENSE_REQUEST_DENIED, response.body(), answer.path("status").asString(),
					null);
		}
		return answer.path("license").asString().getBytes(StandardCharsets.US_ASCII);
	}

	private HttpResponse<String> cpix(String token, String document) {
		return this.http.request("POST", "/api/v1/cpix").bearer(token).body("application/xml", document).send();
	}

	private static void assertProblem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(HttpTester.json(response).path("code").asString()).isEqualTo(code);
	}

	private static String base64Hex(String hex) {
		return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(hex));
	}

}
