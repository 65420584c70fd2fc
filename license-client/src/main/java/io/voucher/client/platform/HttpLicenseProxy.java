package io.voucher.client.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import io.voucher.client.DrmError;
import io.voucher.client.DrmException;
import io.voucher.client.LicenseProxy;
import io.voucher.client.internal.JsonObject;

/**
 * A provider's license proxy over HTTP: posts {@code {"payload": "<challenge>"}} (the
 * device's part of the license message) to the proxy's URL and reads Voucher's license
 * response, which the proxy passes back as it is. The proxy adds what only the provider
 * knows (its credential, the provider name, the policy) and posts the license message to
 * {@code /api/v1/licenses}; {@code license-client/voucher-license-proxy} is a minimal one
 * for demos.
 */
public final class HttpLicenseProxy implements LicenseProxy {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final URI url;

	private final HttpClient client;

	/**
	 * A proxy at a URL.
	 * @param url the URL the challenge is posted to
	 */
	public HttpLicenseProxy(URI url) {
		this(url, HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
	}

	/**
	 * A proxy at a URL, with a configured client.
	 * @param url the URL the challenge is posted to
	 * @param client the client
	 */
	public HttpLicenseProxy(URI url, HttpClient client) {
		this.url = url;
		this.client = client;
	}

	@Override
	public byte[] requestLicense(String challenge) {
		HttpRequest request = HttpRequest.newBuilder(this.url)
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JsonObject.write(Map.of("payload", challenge))))
			.build();
		HttpResponse<String> response;
		try {
			response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new DrmException(DrmError.PLATFORM_UNREACHABLE,
					"The license proxy at " + this.url + " cannot be reached: " + HttpDevicePlatform.reason(ex), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DrmException(DrmError.PLATFORM_UNREACHABLE, "Interrupted while calling the license proxy", ex);
		}
		JsonObject answer;
		try {
			answer = JsonObject.parse(response.body());
		}
		catch (IllegalArgumentException ex) {
			throw new DrmException(
					(response.statusCode() >= 500 || response.statusCode() == 404) ? DrmError.PLATFORM_UNREACHABLE
							: DrmError.LICENSE_REQUEST_DENIED,
					"The license proxy at " + this.url + " answered HTTP " + response.statusCode()
							+ " without a license response",
					ex);
		}
		if (response.statusCode() / 100 != 2) {
			String code = answer.optionalString("code");
			String detail = answer.optionalString("detail");
			DrmError error = (response.statusCode() >= 500) ? DrmError.PLATFORM_UNREACHABLE
					: DrmError.LICENSE_REQUEST_DENIED;
			throw new DrmException(
					error, "The license proxy refused (HTTP " + response.statusCode()
							+ ((code != null) ? ", " + code : "") + ")" + ((detail != null) ? ": " + detail : ""),
					code, null);
		}
		String status = answer.optionalString("status");
		String license = answer.optionalString("license");
		if (!"OK".equals(status) || license == null) {
			String message = answer.optionalString("status_message");
			throw new DrmException(DrmError.LICENSE_REQUEST_DENIED, "The license server refused ("
					+ ((status != null) ? status : "no status") + ")" + ((message != null) ? ": " + message : ""),
					status, null);
		}
		return license.getBytes(StandardCharsets.US_ASCII);
	}

	@Override
	public String toString() {
		return "HttpLicenseProxy[" + this.url + "]";
	}

}
