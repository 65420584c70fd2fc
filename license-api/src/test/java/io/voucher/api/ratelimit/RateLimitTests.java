package io.voucher.api.ratelimit;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.voucher.api.testing.HttpTester;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The device API's rate limits with small buckets that never refill during the test. Each
 * test plays clients at its own addresses, forwarded by the test itself as a trusted
 * proxy, so that the tests do not share buckets.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "voucher.rate-limits.enabled=true", "voucher.rate-limits.per-address.capacity=5",
				"voucher.rate-limits.per-address.refill-period=1h", "voucher.rate-limits.per-device.capacity=2",
				"voucher.rate-limits.per-device.refill-period=1h",
				"voucher.rate-limits.trusted-proxies=127.0.0.1,::1" })
@PostgresTest
class RateLimitTests {

	@LocalServerPort
	int port;

	HttpTester http;

	@BeforeEach
	void client() {
		this.http = new HttpTester(this.port);
	}

	@Test
	void deviceEndpointWhenAddressSpentItsBucketThenRateLimitedWithRetryAfter() {
		for (int i = 0; i < 5; i++) {
			assertThat(trust("203.0.113.10").statusCode()).isEqualTo(200);
		}

		HttpResponse<String> limited = trust("203.0.113.10");
		HttpResponse<String> otherAddress = trust("203.0.113.11");

		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(limited.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(HttpTester.json(limited).path("code").asString()).isEqualTo("RATE_LIMITED");
		assertThat(limited.headers().firstValue("Retry-After").map(Long::parseLong))
			.hasValueSatisfying((seconds) -> assertThat(seconds).isBetween(1L, 3600L));
		assertThat(otherAddress.statusCode()).isEqualTo(200);
	}

	@Test
	void signedDeviceRequestWhenDeviceSpentItsBucketThenRateLimitedWhileAnotherDevicePasses() {
		String deviceA = jwsNaming("device A certificate");
		String deviceB = jwsNaming("device B certificate");
		for (int i = 0; i < 2; i++) {
			assertThat(credential("203.0.113.20", deviceA).statusCode()).isEqualTo(400);
		}

		HttpResponse<String> limited = credential("203.0.113.20", deviceA);
		HttpResponse<String> otherDevice = credential("203.0.113.20", deviceB);

		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(HttpTester.json(limited).path("code").asString()).isEqualTo("RATE_LIMITED");
		assertThat(limited.headers().firstValue("Retry-After")).isPresent();
		// Past the limiter: refused by the endpoint itself for its made-up signature.
		assertThat(otherDevice.statusCode()).isEqualTo(400);
		assertThat(HttpTester.json(otherDevice).path("code").asString()).isEqualTo("INVALID_DEVICE_REQUEST");
	}

	@Test
	void registrationWhenItsDeviceSpentItsBucketThenRateLimitedAndBeforeThatTheBodyReachesTheEndpoint() {
		String body = "{\"registration\": \"" + jwsNaming("device C certificate") + "\"}";
		HttpResponse<String> first = register("203.0.113.30", body);
		register("203.0.113.30", body);

		HttpResponse<String> limited = register("203.0.113.30", body);

		// The limiter read the body to find the device; the endpoint still got all of it.
		assertThat(first.statusCode()).isEqualTo(400);
		assertThat(HttpTester.json(first).path("code").asString()).isEqualTo("INVALID_REGISTRATION");
		assertThat(limited.statusCode()).isEqualTo(429);
		assertThat(HttpTester.json(limited).path("code").asString()).isEqualTo("RATE_LIMITED");
	}

	@Test
	void providerApiIsNotLimitedByAddress() {
		for (int i = 0; i < 6; i++) {
			assertThat(this.http.request("GET", "/api/v1/platform")
				.header("X-Forwarded-For", "203.0.113.40")
				.send()
				.statusCode()).isEqualTo(200);
		}
	}

	private HttpResponse<String> trust(String address) {
		return this.http.request("GET", "/device/v1/trust").header("X-Forwarded-For", address).send();
	}

	private HttpResponse<String> credential(String address, String jws) {
		return this.http.request("GET", "/device/v1/device-groups/missing/credential")
			.header("X-Forwarded-For", address)
			.header("Authorization", "Device " + jws)
			.send();
	}

	private HttpResponse<String> register(String address, String body) {
		return this.http.request("POST", "/device/v1/registrations")
			.header("X-Forwarded-For", address)
			.json(body)
			.send();
	}

	/**
	 * A compact JWS whose header names a "certificate" (any bytes do: the limiter only
	 * hashes them) and whose signature is made up.
	 */
	private static String jwsNaming(String certificate) {
		Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
		String header = "{\"alg\":\"ES256\",\"x5c\":[\""
				+ Base64.getEncoder().encodeToString(certificate.getBytes(StandardCharsets.UTF_8)) + "\"]}";
		return url.encodeToString(header.getBytes(StandardCharsets.UTF_8)) + ".e30."
				+ url.encodeToString("not a signature".getBytes(StandardCharsets.UTF_8));
	}

}
