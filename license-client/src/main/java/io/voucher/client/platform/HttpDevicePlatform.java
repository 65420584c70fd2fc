package io.voucher.client.platform;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.voucher.client.DrmError;
import io.voucher.client.DrmException;
import io.voucher.client.internal.JsonObject;
import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.group.GroupId;
import io.voucher.crypto.pki.DeviceFingerprint;
import io.voucher.crypto.pki.DeviceProfile;
import org.jspecify.annotations.Nullable;

/**
 * {@link DevicePlatform} over HTTP with the JDK's {@link HttpClient}: JSON in snake_case,
 * RFC 9457 problem documents mapped to {@link DrmError}s by their {@code code}. Bundles
 * are fetched with {@code If-None-Match}, so an unchanged bundle costs a 304.
 */
public final class HttpDevicePlatform implements DevicePlatform {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final URI baseUrl;

	private final HttpClient client;

	private final Map<URI, CachedBundle> bundles = new ConcurrentHashMap<>();

	/**
	 * A platform at a base URL (e.g. {@code http://localhost:8080}).
	 * @param baseUrl the base URL
	 */
	public HttpDevicePlatform(URI baseUrl) {
		this(baseUrl,
				HttpClient.newBuilder()
					.connectTimeout(Duration.ofSeconds(10))
					.followRedirects(HttpClient.Redirect.NORMAL)
					.build());
	}

	/**
	 * A platform at a base URL, with a configured client (proxy, TLS, timeouts).
	 * @param baseUrl the base URL
	 * @param client the client
	 */
	public HttpDevicePlatform(URI baseUrl, HttpClient client) {
		String text = baseUrl.toString();
		this.baseUrl = URI.create(text.endsWith("/") ? text : text + "/");
		this.client = client;
	}

	/**
	 * The platform's base URL.
	 * @return the URL
	 */
	public URI baseUrl() {
		return this.baseUrl;
	}

	@Override
	public List<byte[]> individualize(byte[] csr, DeviceProfile profile) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("csr", Base64.getEncoder().encodeToString(csr));
		body.put("make", profile.make());
		body.put("model", profile.model());
		body.put("security_level", profile.securityLevel().value());
		body.put("max_hdcp", profile.maxHdcp().name());
		JsonObject answer = json(send(post("device/v1/individualization", body)), "individualization");
		List<byte[]> chain = new ArrayList<>();
		try {
			for (String der : answer.strings("certificate_chain")) {
				chain.add(Base64.getDecoder().decode(der));
			}
		}
		catch (IllegalArgumentException ex) {
			throw unexpected("individualization", ex);
		}
		return chain;
	}

	@Override
	public String licenseRootPem() {
		JsonObject answer = json(send(get(resolve("device/v1/trust"), null)), "trust");
		try {
			return answer.string("license_root");
		}
		catch (IllegalArgumentException ex) {
			throw unexpected("trust", ex);
		}
	}

	@Override
	public RegistrationAnswer register(String registration) {
		HttpResponse<String> response = send(post("device/v1/registrations", Map.of("registration", registration)));
		JsonObject answer = json(response, "registration");
		try {
			return new RegistrationAnswer(new GeneratedId(answer.string("generated_id")), answer.string("fingerprint"),
					answer.string("status"), answer.instant("registered_at"), answer.string("bundle_url"),
					response.statusCode() == 201);
		}
		catch (RuntimeException ex) {
			throw unexpected("registration", ex);
		}
	}

	@Override
	public LicenseBundle bundle(GeneratedId generatedId) {
		return bundle(resolve("device/v1/registrations/" + encode(generatedId.value()) + "/licenses"));
	}

	@Override
	public LicenseBundle bundle(URI url) {
		URI absolute = url.isAbsolute() ? url : resolve(url.toString().replaceFirst("^/", ""));
		CachedBundle cached = this.bundles.get(absolute);
		HttpResponse<String> response = send(get(absolute, (cached != null) ? cached.etag : null));
		if (response.statusCode() == 304 && cached != null) {
			return cached.bundle;
		}
		JsonObject answer = json(response, "bundle");
		LicenseBundle bundle;
		try {
			List<BundledLicense> licenses = new ArrayList<>();
			for (JsonObject license : answer.objects("licenses")) {
				licenses.add(new BundledLicense(license.string("license_id"), license.string("content_id"),
						license.string("license")));
			}
			bundle = new LicenseBundle(answer.number("version"), licenses);
		}
		catch (IllegalArgumentException ex) {
			throw unexpected("bundle", ex);
		}
		response.headers()
			.firstValue("ETag")
			.ifPresent((etag) -> this.bundles.put(absolute, new CachedBundle(etag, bundle)));
		return bundle;
	}

	@Override
	public LicenseBundle groupBundle(GroupId groupId) {
		return bundle(resolve("device/v1/device-groups/" + encode(groupId.value()) + "/licenses"));
	}

	@Override
	public GroupCredentialAnswer joinGroup(GroupId groupId, String request) {
		HttpRequest http = builder(resolve("device/v1/device-groups/" + encode(groupId.value()) + "/members"))
			.header("Authorization", "Device " + request)
			.POST(HttpRequest.BodyPublishers.noBody())
			.build();
		return credential(json(send(http), "group join"));
	}

	@Override
	public GroupCredentialAnswer groupCredential(GroupId groupId, String request) {
		HttpRequest http = builder(resolve("device/v1/device-groups/" + encode(groupId.value()) + "/credential"))
			.header("Authorization", "Device " + request)
			.GET()
			.build();
		return credential(json(send(http), "group credential"));
	}

	@Override
	public long leaveGroup(GroupId groupId, DeviceFingerprint fingerprint, String request) {
		HttpRequest http = builder(resolve(
				"device/v1/device-groups/" + encode(groupId.value()) + "/members/" + encode(fingerprint.value())))
			.header("Authorization", "Device " + request)
			.DELETE()
			.build();
		JsonObject answer = json(send(http), "group leave");
		try {
			return answer.number("generation");
		}
		catch (IllegalArgumentException ex) {
			throw unexpected("group leave", ex);
		}
	}

	@Override
	public String revocationList() {
		// A compact JWS, served as application/jwt only.
		HttpResponse<String> response = send(HttpRequest.newBuilder(resolve("device/v1/revocation-list"))
			.timeout(TIMEOUT)
			.header("Accept", "application/jwt, application/problem+json")
			.GET()
			.build());
		if (response.statusCode() != 200) {
			throw refusal(response, "revocation list");
		}
		return response.body().trim();
	}

	private GroupCredentialAnswer credential(JsonObject answer) {
		try {
			return new GroupCredentialAnswer(new GroupId(answer.string("group_id")), answer.number("generation"),
					answer.string("credential"), answer.instant("expires_at"));
		}
		catch (RuntimeException ex) {
			throw unexpected("group credential", ex);
		}
	}

	private URI resolve(String path) {
		return this.baseUrl.resolve(path);
	}

	private static String encode(String segment) {
		return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private HttpRequest.Builder builder(URI uri) {
		return HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "application/json");
	}

	private HttpRequest get(URI uri, @Nullable String etag) {
		HttpRequest.Builder builder = builder(uri).GET();
		if (etag != null) {
			builder.header("If-None-Match", etag);
		}
		return builder.build();
	}

	private HttpRequest post(String path, Map<String, ?> body) {
		return builder(resolve(path)).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(JsonObject.write(body)))
			.build();
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new DrmException(DrmError.PLATFORM_UNREACHABLE,
					"The platform at " + this.baseUrl + " cannot be reached: " + reason(ex), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DrmException(DrmError.PLATFORM_UNREACHABLE, "Interrupted while calling the platform", ex);
		}
	}

	/**
	 * Why a connection failed, as a phrase: the JDK's exceptions often carry no message
	 * (a refused connection has none).
	 * @param ex the failure
	 * @return the phrase
	 */
	public static String reason(IOException ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getMessage() == null) {
			cause = cause.getCause();
		}
		if (ex instanceof java.net.http.HttpConnectTimeoutException) {
			return "the connection timed out";
		}
		if (ex instanceof java.net.http.HttpTimeoutException) {
			return "no answer in time";
		}
		if (ex instanceof java.net.ConnectException || cause instanceof java.net.ConnectException) {
			return "the connection was refused (is the platform running, and is the URL's port right?)";
		}
		if (cause instanceof java.net.UnknownHostException
				|| cause instanceof java.nio.channels.UnresolvedAddressException) {
			return "the host name is unknown";
		}
		String message = cause.getMessage();
		return (message != null && !message.isBlank()) ? message
				: "the connection failed (" + cause.getClass().getSimpleName() + ")";
	}

	private JsonObject json(HttpResponse<String> response, String what) {
		if (response.statusCode() / 100 != 2) {
			throw refusal(response, what);
		}
		try {
			return JsonObject.parse(response.body());
		}
		catch (IllegalArgumentException ex) {
			throw unexpected(what, ex);
		}
	}

	private DrmException unexpected(String what, Exception cause) {
		return new DrmException(DrmError.PLATFORM_UNREACHABLE,
				"The platform's " + what + " answer is not what the device API answers", cause);
	}

	private static DrmException refusal(HttpResponse<String> response, String what) {
		String code = null;
		String detail = null;
		try {
			JsonObject problem = JsonObject.parse(response.body());
			code = problem.optionalString("code");
			detail = problem.optionalString("detail");
		}
		catch (IllegalArgumentException ex) {
			// Not a problem document: a proxy or another server answered.
		}
		int status = response.statusCode();
		String message = "The platform refused the " + what + " (HTTP " + status + ((code != null) ? ", " + code : "")
				+ ")" + ((detail != null) ? ": " + detail : "");
		if (code == null) {
			return new DrmException((status >= 500 || status == 404 || status < 400) ? DrmError.PLATFORM_UNREACHABLE
					: DrmError.PLATFORM_REFUSED, message);
		}
		DrmError error = switch (code) {
			case "REGISTRATION_CONFLICT" -> DrmError.REGISTRATION_CONFLICT;
			case "REGISTRATION_GONE" -> DrmError.REGISTRATION_GONE;
			case "REGISTRATION_NOT_FOUND" -> DrmError.REGISTRATION_NOT_FOUND;
			case "DEVICE_REVOKED", "DEVICE_KEY_REVOKED" -> DrmError.DEVICE_REVOKED;
			case "GROUP_FULL" -> DrmError.GROUP_FULL;
			case "JOIN_TOKEN_REJECTED" -> DrmError.GROUP_JOIN_TOKEN_REJECTED;
			case "GROUP_MEMBERSHIP_REQUIRED" -> DrmError.GROUP_MEMBERSHIP_REQUIRED;
			case "SERVICE_UNAVAILABLE", "INTERNAL_ERROR" -> DrmError.PLATFORM_UNREACHABLE;
			default -> DrmError.PLATFORM_REFUSED;
		};
		return new DrmException(error, message, code, null);
	}

	@Override
	public String toString() {
		return "HttpDevicePlatform[" + this.baseUrl + "]";
	}

	private record CachedBundle(String etag, LicenseBundle bundle) {
	}

}
