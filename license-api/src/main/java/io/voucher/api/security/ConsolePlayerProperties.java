package io.voucher.api.security;

import java.util.List;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the console's try-it player may load streams from. The console's
 * Content-Security-Policy lets it talk to its own origin only; a stream on a CDN or a
 * packaging host needs that origin named here (it is added to {@code connect-src} and
 * {@code media-src}). Empty by default: the player then plays streams served from the
 * console's own origin only.
 *
 * @param playerOrigins origins such as {@code https://cdn.example.com} or
 * {@code http://127.0.0.1:8081}: scheme, host and optional port, nothing else
 */
@ConfigurationProperties("voucher.console")
public record ConsolePlayerProperties(@DefaultValue List<String> playerOrigins) {

	private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");

	public ConsolePlayerProperties {
		playerOrigins = List.copyOf(playerOrigins);
		for (String origin : playerOrigins) {
			// A space or a semicolon would add sources or directives to the policy.
			if (!ORIGIN.matcher(origin).matches()) {
				throw new IllegalArgumentException("voucher.console.player-origins: '" + origin
						+ "' is not an origin (scheme://host[:port], http or https)");
			}
		}
	}

}
