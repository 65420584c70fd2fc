package io.voucher.api.cors;

import java.time.Duration;
import java.util.List;

import io.voucher.domain.cors.CorsOrigin;
import io.voucher.domain.cors.CorsOriginService;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;

/**
 * The CORS rules of the device API ({@code /device/v1/**}): a browser player on any
 * origin some provider allows may call it. A device request does not name its provider
 * before its signature is read, so the union of all providers' origins is what counts.
 * <p>
 * The union is cached: this node reloads it at once when an origin list changes through
 * it, and every other node within {@link #REFRESH_INTERVAL}. No other path answers CORS.
 */
@Component
public class DeviceCorsConfigurationSource implements CorsConfigurationSource {

	/** How stale another node's change may be here. */
	static final Duration REFRESH_INTERVAL = Duration.ofSeconds(30);

	private final ReloadingValue<CorsConfiguration> configuration;

	DeviceCorsConfigurationSource(CorsOriginService origins) {
		this.configuration = new ReloadingValue<>("the CORS origins", REFRESH_INTERVAL,
				() -> configuration(origins.allOrigins().stream().map(CorsOrigin::value).sorted().toList()), null);
	}

	@Override
	public @Nullable CorsConfiguration getCorsConfiguration(HttpServletRequest request) {
		if (!request.getRequestURI().startsWith("/device/v1/")) {
			return null;
		}
		return this.configuration.get();
	}

	/**
	 * Forgets the cached origins, so that the next request sees a change made on this
	 * node.
	 */
	public void refresh() {
		this.configuration.forget();
	}

	private static CorsConfiguration configuration(List<String> allowed) {
		CorsConfiguration configuration = new CorsConfiguration();
		configuration.setAllowedOrigins(allowed);
		configuration.setAllowedMethods(List.of("GET", "HEAD", "POST", "DELETE"));
		configuration.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE,
				HttpHeaders.IF_NONE_MATCH, HttpHeaders.IF_MODIFIED_SINCE));
		configuration.setExposedHeaders(List.of(HttpHeaders.ETAG, HttpHeaders.RETRY_AFTER, HttpHeaders.LOCATION,
				HttpHeaders.CACHE_CONTROL, HttpHeaders.LAST_MODIFIED));
		// Devices authenticate by signatures, never by cookies: no credentialed requests.
		configuration.setAllowCredentials(false);
		configuration.setMaxAge(Duration.ofMinutes(10));
		return configuration;
	}

}
