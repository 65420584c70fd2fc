package io.voucher.api.player;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A static file server on 127.0.0.1 for browser playback tests: the DASH presentation
 * under {@code /media/}, Shaka Player from the console's npm dependencies, and the test
 * player page. Another origin than Voucher's, as a CDN would be: Voucher's Clear Key
 * endpoint answers it through the provider's CORS origins, and it lets any origin read
 * the media (the console fetches manifests and segments across origins).
 */
public final class MediaServer implements AutoCloseable {

	/**
	 * Shaka Player's compiled build, installed by the admin-ui build ({@code npm ci}).
	 */
	public static final Path SHAKA = Path.of("../admin-ui/node_modules/shaka-player/dist/shaka-player.compiled.js");

	private static final Map<String, String> TYPES = Map.of(".mpd", "application/dash+xml", ".m4s", "video/mp4", ".mp4",
			"video/mp4", ".js", "text/javascript", ".html", "text/html; charset=utf-8");

	private final HttpServer server;

	private final Path media;

	private MediaServer(HttpServer server, Path media) {
		this.server = server;
		this.media = media;
	}

	/**
	 * Starts serving.
	 * @param media the folder served under {@code /media/}
	 * @return the running server
	 * @throws IOException if it cannot listen
	 */
	public static MediaServer start(Path media) throws IOException {
		if (!Files.isRegularFile(SHAKA)) {
			throw new IllegalStateException(SHAKA.toAbsolutePath().normalize()
					+ " is missing: build admin-ui first (its npm ci installs shaka-player)");
		}
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
		MediaServer files = new MediaServer(server, media);
		server.createContext("/", files::handle);
		server.start();
		return files;
	}

	/**
	 * This server's origin, as a browser names it.
	 * @return {@code http://127.0.0.1:port}
	 */
	public String origin() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			Path file = resolve(path);
			exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
			if (file == null || !exchange.getRequestMethod().equals("GET")) {
				exchange.sendResponseHeaders(404, -1);
				return;
			}
			String name = file.getFileName().toString();
			String type = TYPES.getOrDefault(name.substring(Math.max(0, name.lastIndexOf('.'))),
					"application/octet-stream");
			exchange.getResponseHeaders().add("Content-Type", type);
			exchange.getResponseHeaders().add("Cache-Control", "no-store");
			byte[] body = Files.readAllBytes(file);
			exchange.sendResponseHeaders(200, body.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	private Path resolve(String path) throws IOException {
		if (path.equals("/shaka-player.compiled.js")) {
			return SHAKA;
		}
		if (path.equals("/player.html")) {
			Path page = Files.createTempFile("player", ".html");
			try (InputStream in = MediaServer.class.getResourceAsStream("/player/player.html")) {
				Files.write(page, in.readAllBytes());
			}
			page.toFile().deleteOnExit();
			return page;
		}
		if (path.startsWith("/media/") && !path.contains("..")) {
			Path file = this.media.resolve(path.substring("/media/".length())).normalize();
			if (file.startsWith(this.media) && Files.isRegularFile(file)) {
				return file;
			}
		}
		return null;
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
