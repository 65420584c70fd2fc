package io.voucher.api.device;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.voucher.api.testing.HttpTester;
import io.voucher.crypto.challenge.Challenge;
import io.voucher.crypto.keys.KeyMaterial;
import io.voucher.crypto.keys.LicenseTrust;
import io.voucher.crypto.pki.CertificatePem;
import io.voucher.crypto.pki.DeviceCertificate;
import io.voucher.crypto.pki.DeviceIdentity;
import io.voucher.crypto.pki.DeviceKeyPair;
import io.voucher.crypto.pki.KeyType;
import io.voucher.crypto.revocation.RevocationList;
import io.voucher.crypto.revocation.RevocationLists;
import io.voucher.crypto.voucher.TrackType;
import io.voucher.domain.content.ContentId;
import io.voucher.domain.content.ContentService;
import io.voucher.domain.content.KeyRequest;
import io.voucher.domain.provider.ProviderService;
import io.voucher.domain.testing.PostgresTest;
import io.voucher.registry.revocation.DeviceRevocations;
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
class DeviceApiTests {

	@LocalServerPort
	int port;

	@Autowired
	KeyMaterial keyMaterial;

	@Autowired
	DeviceRevocations revocations;

	@Autowired
	ProviderService providers;

	@Autowired
	ContentService contents;

	HttpTester http;

	@BeforeEach
	void client() {
		this.http = new HttpTester(this.port);
	}

	@Test
	void individualizedDeviceGetsALicenseFromTheBuiltInCa() {
		DeviceKeyPair keys = DeviceKeyPair.generate(KeyType.EC_P256);

		HttpResponse<String> response = individualize(keys, "Acme", "Stick", 1);

		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		JsonNode body = HttpTester.json(response);
		List<byte[]> chain = new ArrayList<>();
		body.path("certificate_chain").forEach((der) -> chain.add(Base64.getDecoder().decode(der.asString())));
		DeviceCertificate certificate = DeviceCertificate.parseDer(chain);
		assertThat(certificate.fingerprint().value()).isEqualTo(body.path("fingerprint").asString());
		assertThat(certificate.make()).isEqualTo("Acme");
		assertThat(certificate.model()).isEqualTo("Stick");
		assertThat(certificate.securityLevel().value()).isEqualTo(1);
		assertThat(CertificatePem.decode(body.path("certificate_chain_pem").asString())).hasSize(chain.size());

		// The certificate is trusted for licenses.
		String provider = "dev-" + UUID.randomUUID().toString().substring(0, 8);
		UUID providerId = this.providers.create(provider, "Devices").id();
		String token = this.providers.createCredential(provider, "proxy").token();
		this.contents.create(providerId, new ContentId("clip"), null, List.of(KeyRequest.generate(TrackType.SD)));
		DeviceIdentity identity = keys.certified(certificate);
		String challenge = Challenge.builder().contentId("clip").issuedAt(Instant.now()).build().signWith(identity);
		JsonNode license = HttpTester.json(this.http.request("POST", "/api/v1/licenses")
			.bearer(token)
			.json("{\"payload\": \"%s\", \"provider\": \"%s\"}".formatted(challenge, provider))
			.send());
		assertThat(license.path("status").asString()).as(license.toString()).isEqualTo("OK");
		assertThat(license.path("make").asString()).isEqualTo("Acme");
	}

	@Test
	void individualizationWhenClaimingMoreThanAllowedThenRefused() {
		HttpResponse<String> response = individualize(DeviceKeyPair.generate(KeyType.EC_P256), "Acme", "Stick", 5);

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(HttpTester.json(response).path("code").asString()).isEqualTo("DEVICE_PROFILE_NOT_ALLOWED");
	}

	@Test
	void trustNamesTheLicenseRootAndTheSigningKeys() {
		HttpResponse<String> response = this.http.get("/device/v1/trust");

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode trust = HttpTester.json(response);
		assertThat(CertificatePem.decode(trust.path("license_root").asString()))
			.containsExactly(this.keyMaterial.licenseRoot());
		JsonNode keys = trust.path("signing_keys").path("keys");
		assertThat(keys.size()).isPositive();
		assertThat(keys.get(0).path("kid").asString()).isNotBlank();
		assertThat(keys.get(0).has("d")).as("no private key part").isFalse();
		assertThat(response.headers().firstValue("Cache-Control"))
			.hasValueSatisfying((value) -> assertThat(value).contains("max-age"));
	}

	@Test
	void revocationListIsSignedAndListsRevokedDevices() {
		DeviceKeyPair keys = DeviceKeyPair.generate(KeyType.EC_P256);
		String fingerprint = HttpTester.json(individualize(keys, "Acme", "Clone", 1)).path("fingerprint").asString();
		this.revocations.revoke(fingerprint, "cloned", "test");

		HttpResponse<String> response = this.http.get("/device/v1/revocation-list");

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((value) -> assertThat(value).startsWith("application/jwt"));
		RevocationList list = RevocationLists.verify(response.body(),
				LicenseTrust.pinning(this.keyMaterial.licenseRoot(), Clock.systemUTC()), 0);
		assertThat(list.revoked()).extracting((revoked) -> revoked.value()).contains(fingerprint);
		assertThat(list.sequence()).isPositive();
		assertThat(response.headers().firstValue("ETag")).hasValue("\"" + list.sequence() + "\"");
		HttpResponse<String> unchanged = this.http.request("GET", "/device/v1/revocation-list")
			.header("If-None-Match", "\"" + list.sequence() + "\"")
			.send();
		assertThat(unchanged.statusCode()).isEqualTo(304);
		assertThat(unchanged.body()).isEmpty();
	}

	private HttpResponse<String> individualize(DeviceKeyPair keys, String make, String model, int level) {
		return this.http.request("POST", "/device/v1/individualization")
			.json("{\"csr\": \"%s\", \"make\": \"%s\", \"model\": \"%s\", \"security_level\": %d}"
				.formatted(Base64.getEncoder().encodeToString(keys.createCsr()), make, model, level))
			.send();
	}

}
