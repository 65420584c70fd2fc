package io.voucher.client.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.voucher.client.internal.JsonObject;
import io.voucher.client.platform.HttpDevicePlatform;
import org.jspecify.annotations.Nullable;

/**
 * {@code voucher-license-proxy}: a minimal provider license proxy for demos and tests,
 * the part of a provider's backend that devices reach for online licenses and renewals.
 * It takes {@code {"payload": "<challenge>"}} from the device (as
 * {@link io.voucher.client.platform.HttpLicenseProxy} posts it), adds the provider's
 * name, policy and API credential, posts the license message to the platform's
 * {@code /api/v1/licenses} and answers the platform's answer as it is. A real proxy also
 * checks that the user may have the content: this one grants whatever the policy grants.
 * Listens on 127.0.0.1 only.
 */
public final class DemoLicenseProxy {

	static final String USAGE_TEXT = """
			Usage: voucher-license-proxy --provider NAME --policy NAME [--port PORT] [--platform URL] [--url-file FILE]

			  --provider NAME   the provider whose credential is in VOUCHER_PROVIDER_TOKEN
			  --policy NAME     the stored policy of the licenses it asks for
			  --port PORT       where it listens on 127.0.0.1 (default 8090; 0 picks a free port)
			  --platform URL    Voucher platform (VOUCHER_PLATFORM, default http://localhost:8080)
			  --url-file FILE   writes the proxy's URL to FILE once it listens

			Devices then use it with: voucher-device license CONTENT_ID --proxy http://127.0.0.1:PORT/
			""";

	private final URI licenses;

	private final String provider;

	private final String policy;

	private final String token;

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	DemoLicenseProxy(URI platform, String provider, String policy, String token) {
		String base = platform.toString();
		this.licenses = URI.create((base.endsWith("/") ? base : base + "/") + "api/v1/licenses");
		this.provider = provider;
		this.policy = policy;
		this.token = token;
	}

	/**
	 * Runs the proxy until the process is stopped.
	 * @param args the command line
	 */
	public static void main(String[] args) {
		int status = start(args, System.getenv(), System.out, System.err);
		if (status != 0) {
			System.exit(status);
		}
	}

	/**
	 * Starts the proxy.
	 * @return 0 when it runs, else the exit status
	 */
	static int start(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
		VoucherDeviceCli.Arguments arguments = new VoucherDeviceCli.Arguments(args);
		try {
			if (arguments.flag("--help")) {
				out.print(USAGE_TEXT);
				return 0;
			}
			String provider = arguments.required("--provider");
			String policy = arguments.required("--policy");
			int port = VoucherDeviceCli.number(arguments.option("--port", "8090"), "--port", 0, 65535);
			String platform = arguments.option("--platform",
					environment.getOrDefault("VOUCHER_PLATFORM", "http://localhost:8080"));
			String urlFile = arguments.option("--url-file", null);
			arguments.end();
			String token = environment.get("VOUCHER_PROVIDER_TOKEN");
			if (token == null || token.isBlank()) {
				throw new VoucherDeviceCli.UsageException(
						"the provider's API credential is needed in VOUCHER_PROVIDER_TOKEN");
			}
			HttpServer server = new DemoLicenseProxy(VoucherDeviceCli.url(platform, "--platform"), provider, policy,
					token)
				.listen(port);
			String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
			if (urlFile != null) {
				// Whole or not at all: a script waits for the file to have content.
				Path file = Path.of(urlFile).toAbsolutePath();
				Path written = Files.writeString(file.resolveSibling(file.getFileName() + ".tmp"), url + "\n");
				Files.move(written, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			out.println("license proxy for " + provider + " (policy " + policy + ") on " + url);
			out.flush();
			return 0;
		}
		catch (VoucherDeviceCli.UsageException ex) {
			err.println("error " + io.voucher.client.DrmError.INVALID_ARGUMENT.code() + " "
					+ io.voucher.client.DrmError.INVALID_ARGUMENT.textCode() + ": " + ex.getMessage()
					+ " (voucher-license-proxy --help)");
			return VoucherDeviceCli.USAGE;
		}
		catch (IOException ex) {
			err.println("error " + io.voucher.client.DrmError.PLATFORM_UNREACHABLE.code() + " "
					+ io.voucher.client.DrmError.PLATFORM_UNREACHABLE.textCode() + ": cannot listen: "
					+ HttpDevicePlatform.reason(ex));
			return VoucherDeviceCli.DRM_ERROR;
		}
	}

	/**
	 * Starts a proxy in this process, for embedding and tests.
	 * @param platform the platform's base URL
	 * @param provider the provider's name
	 * @param policy the stored policy of the licenses it asks for
	 * @param token the provider's API credential
	 * @param port the port on 127.0.0.1, 0 for any free one
	 * @return the running server ({@code stop(0)} stops it)
	 * @throws IOException when it cannot listen
	 */
	public static HttpServer serve(URI platform, String provider, String policy, String token, int port)
			throws IOException {
		return new DemoLicenseProxy(platform, provider, policy, token).listen(port);
	}

	HttpServer listen(int port) throws IOException {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
		server.createContext("/", this::handle);
		server.setExecutor(Executors.newFixedThreadPool(4, (task) -> {
			Thread thread = new Thread(task, "license-proxy");
			thread.setDaemon(false);
			return thread;
		}));
		server.start();
		return server;
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!"POST".equals(exchange.getRequestMethod())) {
				answer(exchange, 405, problem("METHOD_NOT_ALLOWED", "POST the device's challenge"));
				return;
			}
			String payload;
			try (InputStream in = exchange.getRequestBody()) {
				payload = JsonObject.parse(new String(in.readNBytes(256 * 1024), StandardCharsets.UTF_8))
					.optionalString("payload");
			}
			catch (IllegalArgumentException ex) {
				payload = null;
			}
			if (payload == null) {
				answer(exchange, 400, problem("MALFORMED_REQUEST", "Expected {\"payload\": \"<challenge JWS>\"}"));
				return;
			}
			Map<String, Object> message = new LinkedHashMap<>();
			message.put("payload", payload);
			message.put("provider", this.provider);
			message.put("policy_name", this.policy);
			HttpRequest request = HttpRequest.newBuilder(this.licenses)
				.timeout(Duration.ofSeconds(30))
				.header("Authorization", "Bearer " + this.token)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(JsonObject.write(message)))
				.build();
			HttpResponse<String> response;
			try {
				response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
			}
			catch (IOException ex) {
				answer(exchange, 502, problem("SERVICE_UNAVAILABLE",
						"The platform cannot be reached: " + HttpDevicePlatform.reason(ex)));
				return;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				answer(exchange, 503, problem("SERVICE_UNAVAILABLE", "Interrupted"));
				return;
			}
			answer(exchange, response.statusCode(), response.body());
		}
	}

	private static String problem(String code, @Nullable String detail) {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("code", code);
		problem.put("detail", detail);
		return JsonObject.write(problem);
	}

	private static void answer(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
