package io.voucher.api.trust;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.voucher.api.testing.HttpTester;
import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.pki.CertificatePem;
import io.voucher.crypto.testing.TestDevice;
import io.voucher.crypto.testing.TestPki;
import io.voucher.domain.provider.ProviderService;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Manufacturer roots added and removed at run time by an administrator: devices chaining
 * to an added root register without individualization, and are refused again once it is
 * removed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "voucher.admin.initial-username=root",
				"voucher.admin.initial-password=" + TrustRootApiTests.PASSWORD })
@PostgresTest
class TrustRootApiTests {

	static final String PASSWORD = "trust roots admin password";

	/** A manufacturer the server does not know at start. */
	final TestPki manufacturer = TestPki.create();

	@LocalServerPort
	int port;

	@Autowired
	ProviderService providers;

	@Autowired
	JsonMapper json;

	HttpTester http;

	String provider;

	@BeforeEach
	void provider() {
		this.http = new HttpTester(this.port);
		this.provider = "trust-" + UUID.randomUUID().toString().substring(0, 8);
		this.providers.create(this.provider, "Trust");
	}

	@Test
	void devicesOfAnAddedRootRegisterUntilTheRootIsRemoved() {
		TestDevice device = this.manufacturer.newDevice().build();
		String rootPem = CertificatePem.encode(List.of(this.manufacturer.deviceCa().root()));

		HttpResponse<String> beforeAdding = register(device);
		HttpResponse<String> added = admin("POST", "/api/v1/admin/trust-roots", body(rootPem, "Acme devices"));
		HttpResponse<String> afterAdding = register(device);
		HttpResponse<String> listed = admin("GET", "/api/v1/admin/trust-roots", null);
		String fingerprint = HttpTester.json(added).path("fingerprint").asString();
		HttpResponse<String> removed = admin("DELETE", "/api/v1/admin/trust-roots/" + fingerprint, null);
		HttpResponse<String> afterRemoving = register(device);

		assertThat(beforeAdding.statusCode()).isEqualTo(400);
		assertThat(HttpTester.json(beforeAdding).path("code").asString()).isEqualTo("INVALID_REGISTRATION");
		assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
		assertThat(HttpTester.json(added).path("added_by").asString()).isEqualTo("root");
		assertThat(afterAdding.statusCode()).as(afterAdding.body()).isEqualTo(201);
		assertThat(HttpTester.json(listed).path("items").findValuesAsString("fingerprint")).contains(fingerprint);
		assertThat(removed.statusCode()).isEqualTo(204);
		assertThat(afterRemoving.statusCode()).isEqualTo(400);
		assertThat(HttpTester.json(afterRemoving).path("detail").asString()).contains("CERTIFICATE_REJECTED");
	}

	@Test
	void onlyOneValidCaCertificateIsAcceptedOnce() {
		String rootPem = CertificatePem.encode(List.of(this.manufacturer.deviceCa().root()));
		String leafPem = CertificatePem
			.encode(List.of(this.manufacturer.newDevice().build().certificate().certificate()));

		HttpResponse<String> leaf = admin("POST", "/api/v1/admin/trust-roots", body(leafPem, "leaf"));
		HttpResponse<String> garbage = admin("POST", "/api/v1/admin/trust-roots", body("not a certificate", "x"));
		HttpResponse<String> first = admin("POST", "/api/v1/admin/trust-roots", body(rootPem, "Acme"));
		HttpResponse<String> again = admin("POST", "/api/v1/admin/trust-roots", body(rootPem, "Acme again"));

		assertThat(leaf.statusCode()).isEqualTo(400);
		assertThat(HttpTester.json(leaf).path("code").asString()).isEqualTo("INVALID_TRUST_ROOT");
		assertThat(garbage.statusCode()).isEqualTo(400);
		assertThat(first.statusCode()).isEqualTo(201);
		assertThat(again.statusCode()).isEqualTo(409);
		assertThat(HttpTester.json(again).path("code").asString()).isEqualTo("TRUST_ROOT_EXISTS");
	}

	private HttpResponse<String> register(TestDevice device) {
		return this.http.request("POST", "/device/v1/registrations")
			.json("{\"registration\": \"" + device.register(GeneratedId.random(), this.provider) + "\"}")
			.send();
	}

	private String body(String pem, String label) {
		return this.json.writeValueAsString(java.util.Map.of("certificate_pem", pem, "label", label));
	}

	private HttpResponse<String> admin(String method, String path, String body) {
		HttpTester.Request request = this.http.request(method, path)
			.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString(("root:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
		if (body != null) {
			request.json(body);
		}
		return request.send();
	}

}
