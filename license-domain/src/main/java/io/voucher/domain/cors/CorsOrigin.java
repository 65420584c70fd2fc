package io.voucher.domain.cors;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A browser origin in its serialized form (RFC 6454): {@code http} or {@code https}, a
 * host and an optional port, nothing else. It is what a browser sends in the
 * {@code Origin} header, so it is kept in that exact form: lower case, no default port,
 * no trailing slash.
 *
 * @param value the origin, e.g. {@code https://player.example.com}
 */
public record CorsOrigin(String value) {

	/** Longest accepted origin; a real one is far shorter. */
	public static final int MAX_LENGTH = 300;

	private static final Pattern HOST = Pattern
		.compile("(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

	private static final Pattern IPV6 = Pattern.compile("\\[[0-9a-f:.]+\\]");

	/**
	 * Creates an origin that is already in serialized form.
	 * @param value the origin
	 * @throws InvalidCorsOriginException if it is not exactly a serialized origin
	 */
	public CorsOrigin {
		if (!parse(value).equals(value)) {
			throw new InvalidCorsOriginException(value,
					"must be written as the browser sends it: lower case, no default port, no trailing slash");
		}
	}

	/**
	 * Reads an origin as an administrator may write it, tolerating upper-case letters and
	 * a default port, and refusing anything that is not an origin.
	 * @param text the origin as written
	 * @return the origin in serialized form
	 * @throws InvalidCorsOriginException if the text is not an origin: a path, query,
	 * fragment, user info, wildcard or scheme other than http and https
	 */
	public static CorsOrigin of(String text) {
		return new CorsOrigin(parse(text));
	}

	private static String parse(String text) {
		if (text == null || text.isBlank() || text.length() > MAX_LENGTH) {
			throw new InvalidCorsOriginException(text, "must be 1-" + MAX_LENGTH + " characters");
		}
		if (text.contains("*")) {
			// "*" with credentials is refused by browsers anyway, and any pattern would
			// let
			// unknown sites call the device API from their visitors' browsers.
			throw new InvalidCorsOriginException(text, "must name one origin; wildcards are not accepted");
		}
		URI uri;
		try {
			uri = new URI(text);
		}
		catch (URISyntaxException ex) {
			throw new InvalidCorsOriginException(text, "is not a URI");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("https") && !scheme.equals("http")) {
			throw new InvalidCorsOriginException(text, "must start with https:// or http://");
		}
		if (uri.isOpaque() || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
				|| (uri.getRawPath() != null && !uri.getRawPath().isEmpty())) {
			throw new InvalidCorsOriginException(text,
					"must be a scheme, a host and an optional port: no path, query, fragment or user");
		}
		String host = (uri.getHost() != null) ? uri.getHost().toLowerCase(Locale.ROOT) : "";
		if (!(HOST.matcher(host).matches() || IPV6.matcher(host).matches())) {
			throw new InvalidCorsOriginException(text, "must have a valid host name (punycode for IDNs)");
		}
		int port = uri.getPort();
		boolean defaultPort = port == -1 || (scheme.equals("https") && port == 443)
				|| (scheme.equals("http") && port == 80);
		if (!defaultPort && (port < 1 || port > 65535)) {
			throw new InvalidCorsOriginException(text, "has an invalid port");
		}
		return scheme + "://" + host + (defaultPort ? "" : ":" + port);
	}

	@Override
	public String toString() {
		return this.value;
	}

}
