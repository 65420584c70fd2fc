package io.voucher.api.security;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.voucher.api.testing.HttpTester;
import io.voucher.api.testing.TrustedManufacturer;
import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.challenge.GroupRequest;
import io.voucher.crypto.keys.SecretBytes;
import io.voucher.crypto.testing.TestDevice;
import io.voucher.crypto.testing.TestPki;
import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.TrackType;
import io.voucher.domain.content.ContentId;
import io.voucher.domain.content.ContentService;
import io.voucher.domain.content.KeyRequest;
import io.voucher.domain.group.DeviceGroup;
import io.voucher.domain.group.GroupService;
import io.voucher.domain.provider.ProviderService;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * After a full flow (content with injected keys, online and pre-generated licenses, a
 * device group with a key roll), no table holds a content key or a group private key in
 * clear, in any encoding, nor any clear EC private key at all (signing and CA keys live
 * only in keystores).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "voucher.jobs.polling-interval=200ms")
@PostgresTest
class SecretsAtRestTests {

	static final TestPki manufacturer = TestPki.create();

	/**
	 * In every PKCS#8 EC P-256 private key's DER: version 0 and the ecPublicKey / P-256
	 * algorithm identifier (a public key's SubjectPublicKeyInfo lacks the version).
	 */
	static final String PKCS8_EC_MARKER = "020100301306072a8648ce3d020106082a8648ce3d030107";

	@DynamicPropertySource
	static void trustManufacturerRoot(DynamicPropertyRegistry registry) {
		TrustedManufacturer.trust(registry, manufacturer);
	}

	@LocalServerPort
	int port;

	@Autowired
	ProviderService providers;

	@Autowired
	ContentService contents;

	@Autowired
	GroupService groups;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void noTableHoldsAContentKeyOrGroupKeyInClear() throws Exception {
		HttpTester http = new HttpTester(this.port);
		String provider = "secrets-" + UUID.randomUUID().toString().substring(0, 8);
		UUID providerId = this.providers.create(provider, "Secrets").id();
		String token = this.providers.createCredential(provider, "backend").token();
		SecretBytes sdKey = SecretBytes.random(16);
		SecretBytes hdKey = SecretBytes.random(16);
		this.contents.create(providerId, new ContentId("movie"), null,
				List.of(new KeyRequest(TrackType.SD, KeyId.random(), sdKey),
						new KeyRequest(TrackType.HD, KeyId.random(), hdKey)));
		send(http, token, "POST", "/api/v1/policies", "{\"name\": \"p\", \"can_play\": true, \"can_persist\": true}");
		TestDevice device = manufacturer.newDevice().build();
		GeneratedId id = GeneratedId.random();
		send(http, null, "POST", "/device/v1/registrations",
				"{\"registration\": \"" + device.register(id, provider) + "\"}");
		send(http, token, "POST", "/api/v1/entitlements",
				"{\"generated_id\": \"" + id + "\", \"content_id\": \"movie\", \"policy_name\": \"p\"}");
		String group = HttpTester
			.json(send(http, token, "POST", "/api/v1/device-groups", "{\"name\": \"Family\", \"max_members\": 3}"))
			.path("group_id")
			.asString();
		String joinToken = HttpTester
			.json(send(http, token, "POST", "/api/v1/device-groups/" + group + "/join-tokens", "{}"))
			.path("token")
			.asString();
		http.request("POST", "/device/v1/device-groups/" + group + "/members")
			.header("Authorization", "Device " + device.groupRequest(GroupRequest.Action.JOIN, group, joinToken))
			.send();
		send(http, token, "POST", "/api/v1/entitlements",
				"{\"group_id\": \"" + group + "\", \"content_id\": \"movie\", \"policy_name\": \"p\"}");
		String challenge = device.challenge().contentId("movie").build();
		send(http, token, "POST", "/api/v1/licenses",
				"{\"payload\": \"" + challenge + "\", \"provider\": \"" + provider + "\", \"policy_name\": \"p\"}");
		DeviceGroup before = this.groups.get(providerId, group);
		SecretBytes firstGroupKey = this.groups.currentKey(before).exportPkcs8();
		http.request("DELETE", "/api/v1/device-groups/" + group + "/members/" + device.fingerprint().value())
			.bearer(token)
			.send();
		SecretBytes secondGroupKey = this.groups.currentKey(this.groups.get(providerId, group)).exportPkcs8();
		awaitLicenses(id);

		Map<String, String> secrets = new LinkedHashMap<>();
		secrets.putAll(encodings("SD content key", sdKey.toByteArray()));
		secrets.putAll(encodings("HD content key", hdKey.toByteArray()));
		secrets.putAll(encodings("group key, generation 1", firstGroupKey.toByteArray()));
		secrets.putAll(encodings("group key, generation 2", secondGroupKey.toByteArray()));
		secrets.put("a clear PKCS#8 EC private key (hex)", PKCS8_EC_MARKER);
		secrets.put("a PEM private key", "PRIVATE KEY");

		// The scan must see inside bytea columns: the group's public key is there, in
		// hex.
		String publicKeyHex = HexFormat.of()
			.formatHex(this.groups.currentPublicKey(this.groups.get(providerId, group)).encoded());
		assertThat(this.jdbc.queryForList("SELECT lower(t::text) FROM device_group t", String.class))
			.anyMatch((row) -> row.contains(publicKeyHex));
		List<String> found = new ArrayList<>();
		List<String> tables = this.jdbc.queryForList(
				"SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", String.class);
		assertThat(tables).contains("content_key", "device_group", "pregenerated_license", "group_license",
				"issued_license");
		for (String table : tables) {
			// Every column as text; bytea columns come out as \x… hex.
			List<String> rows = this.jdbc.queryForList("SELECT lower(t::text) FROM " + table + " t", String.class);
			for (String row : rows) {
				secrets.forEach((what, encoded) -> {
					if (row.contains(encoded.toLowerCase(Locale.ROOT))) {
						found.add(what + " in table " + table);
					}
				});
			}
		}
		assertThat(found).isEmpty();
	}

	private void awaitLicenses(GeneratedId id) throws InterruptedException {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
		while (this.jdbc.queryForObject(
				"SELECT count(*) FROM pregenerated_license l JOIN registration r "
						+ "ON r.id = l.registration_id WHERE r.generated_id = ? AND l.withdrawn_at IS NULL",
				Long.class, id.value()) == 0) {
			assertThat(Instant.now()).isBefore(deadline);
			Thread.sleep(100);
		}
	}

	/** The encodings a secret could be written in: hex, base64, base64url. */
	private static Map<String, String> encodings(String what, byte[] secret) {
		Map<String, String> encodings = new LinkedHashMap<>();
		encodings.put(what + " (hex)", HexFormat.of().formatHex(secret));
		encodings.put(what + " (base64)", Base64.getEncoder().withoutPadding().encodeToString(secret));
		encodings.put(what + " (base64url)", Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
		return encodings;
	}

	private static HttpResponse<String> send(HttpTester http, String token, String method, String path, String body) {
		HttpTester.Request request = http.request(method, path);
		if (token != null) {
			request.bearer(token);
		}
		HttpResponse<String> response = request.json(body).send();
		assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 299);
		return response;
	}

}
