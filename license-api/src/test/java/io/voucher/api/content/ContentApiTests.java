package io.voucher.api.content;

import java.net.http.HttpResponse;
import java.util.HexFormat;
import java.util.UUID;

import io.voucher.api.testing.HttpTester;
import io.voucher.crypto.voucher.KeyId;
import io.voucher.domain.content.ContentId;
import io.voucher.domain.content.ContentService;
import io.voucher.domain.provider.ProviderService;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@PostgresTest
class ContentApiTests {

	@LocalServerPort
	int port;

	@Autowired
	ProviderService providers;

	@Autowired
	ContentService contents;

	HttpTester http;

	String token;

	String provider;

	@BeforeEach
	void provider() {
		this.http = new HttpTester(this.port);
		this.provider = "content-" + UUID.randomUUID().toString().substring(0, 8);
		this.providers.create(this.provider, "Content");
		this.token = this.providers.createCredential(this.provider, "tests").token();
	}

	@Test
	void createGeneratesAndInjectsKeysWithoutEverReturningKeyBytes() {
		HttpResponse<String> created = this.http.request("POST", "/api/v1/contents")
			.bearer(this.token)
			.json("""
					{"content_id": "movie-1", "name": "Movie", "keys": [
					  {"track_type": "SD"},
					  {"track_type": "HD", "key_id": "ASNFZ4mrze8BI0VniavN7w==", "key": "ABEiM0RVZneImaq7zN3u/w=="}]}""")
			.send();

		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.body()).doesNotContain("ABEiM0RVZneImaq7zN3u/w==")
			.doesNotContain("00112233445566778899aabbccddeeff");
		JsonNode content = HttpTester.json(created);
		assertThat(content.path("content_id").asString()).isEqualTo("movie-1");
		assertThat(content.path("keys").findValuesAsString("track_type")).containsExactlyInAnyOrder("SD", "HD");
		JsonNode hd = content.path("keys")
			.get(content.path("keys").get(0).path("track_type").asString().equals("HD") ? 0 : 1);
		assertThat(hd.path("key_id_hex").asString()).isEqualTo("0123456789abcdef0123456789abcdef");
		assertThat(hd.path("source").asString()).isEqualTo("INJECTED");
		assertThat(hd.has("key")).isFalse();
		// The injected key is the one stored.
		UUID providerId = this.providers.get(this.provider).id();
		assertThat(HexFormat.of()
			.formatHex(this.contents.key(providerId, KeyId.ofHex("0123456789abcdef0123456789abcdef"))
				.orElseThrow()
				.key()
				.toByteArray()))
			.isEqualTo("00112233445566778899aabbccddeeff");
	}

	@Test
	void rotateRetiresTheTracksKeyAndKeepsTheOthers() {
		this.http.request("POST", "/api/v1/contents")
			.bearer(this.token)
			.json("{\"content_id\": \"series\", \"keys\": [{\"track_type\": \"SD\"}, {\"track_type\": \"HD\"}]}")
			.send();

		HttpResponse<String> rotated = this.http.request("POST", "/api/v1/contents/series/keys")
			.bearer(this.token)
			.json("{\"keys\": [{\"track_type\": \"HD\"}]}")
			.send();

		assertThat(rotated.statusCode()).isEqualTo(200);
		JsonNode keys = HttpTester.json(rotated).path("keys");
		assertThat(keys.size()).isEqualTo(3);
		int activeHd = 0;
		int retiredHd = 0;
		for (JsonNode key : keys) {
			if (key.path("track_type").asString().equals("HD")) {
				if (key.path("active").asBoolean()) {
					activeHd++;
				}
				else {
					retiredHd++;
					assertThat(key.path("retired_at").asString()).isNotBlank();
				}
			}
		}
		assertThat(activeHd).isEqualTo(1);
		assertThat(retiredHd).isEqualTo(1);
		UUID providerId = this.providers.get(this.provider).id();
		assertThat(this.contents.activeKeys(providerId, new ContentId("series"))).hasSize(2);
	}

	@Test
	void keyExportGivesKeysInClearOnlyToCredentialsMadeForIt() {
		this.http.request("POST", "/api/v1/contents")
			.bearer(this.token)
			.json("{\"content_id\": \"packaged\", \"keys\": [{\"track_type\": \"SD\", "
					+ "\"key_id\": \"ASNFZ4mrze8BI0VniavN7w==\", \"key\": \"ABEiM0RVZneImaq7zN3u/w==\"}]}")
			.send();
		String packager = this.providers.createCredential(this.provider, "packager", true).token();

		HttpResponse<String> refused = this.http.request("POST", "/api/v1/contents/packaged/keys/export")
			.bearer(this.token)
			.json("{}")
			.send();
		HttpResponse<String> exported = this.http.request("POST", "/api/v1/contents/packaged/keys/export")
			.bearer(packager)
			.json("{}")
			.send();

		assertThat(refused.statusCode()).isEqualTo(403);
		assertThat(refused.body()).doesNotContain("ABEiM0RVZneImaq7zN3u/w==");
		assertThat(exported.statusCode()).as(exported.body()).isEqualTo(200);
		assertThat(exported.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((value) -> assertThat(value).contains("no-store"));
		JsonNode key = HttpTester.json(exported).path("keys").get(0);
		assertThat(key.path("key_hex").asString()).isEqualTo("00112233445566778899aabbccddeeff");
		assertThat(key.path("key_id_hex").asString()).isEqualTo("0123456789abcdef0123456789abcdef");
		assertThat(key.path("track_type").asString()).isEqualTo("SD");
	}

	@Test
	void listAndGetAreScopedToTheProvider() {
		this.http.request("POST", "/api/v1/contents")
			.bearer(this.token)
			.json("{\"content_id\": \"mine\", \"keys\": [{\"track_type\": \"AUDIO\"}]}")
			.send();
		String other = "other-" + UUID.randomUUID().toString().substring(0, 8);
		this.providers.create(other, "Other");
		String otherToken = this.providers.createCredential(other, "tests").token();

		JsonNode mine = HttpTester.json(this.http.request("GET", "/api/v1/contents").bearer(this.token).send());
		HttpResponse<String> theirs = this.http.request("GET", "/api/v1/contents/mine").bearer(otherToken).send();

		assertThat(mine.path("items").findValuesAsString("content_id")).containsExactly("mine");
		assertThat(mine.path("page").path("total_elements").asLong()).isEqualTo(1);
		assertThat(theirs.statusCode()).isEqualTo(404);
		assertThat(HttpTester.json(theirs).path("code").asString()).isEqualTo("CONTENT_NOT_FOUND");
	}

}
