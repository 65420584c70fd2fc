package io.voucher.api.clearkey;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.voucher.api.cors.CorsOriginsChanged;
import io.voucher.api.cors.ReloadingValue;
import io.voucher.domain.cors.CorsOrigin;
import io.voucher.domain.cors.CorsOriginService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS of the Clear Key endpoint, per provider: an answer is readable by a browser page
 * on an origin that the token's provider allows ({@code PUT /api/v1/cors-origins}), and
 * by no other. A preflight carries no token, so it is answered for the origins of all
 * providers; the request that follows gets CORS headers only for its own provider's.
 * <p>
 * The provider is read from the token's {@code iss} before the token is verified: keys
 * are only ever granted to a token that verifies with that same issuer's key, and a
 * refusal read by another provider's page tells it nothing it did not send. Runs before
 * the rate limiter, so that a browser player can read a 429 too. Origins are cached: this
 * node reloads them at once when a list changes through it, other nodes within
 * {@link #REFRESH_INTERVAL}.
 */
@Component
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 5)
public class ClearKeyCors extends OncePerRequestFilter {

	/** How stale another node's change may be here. */
	static final Duration REFRESH_INTERVAL = Duration.ofSeconds(30);

	private static final String ALLOWED_HEADERS = String.join(", ", ClearKeyTokenHeader.NAME, HttpHeaders.CONTENT_TYPE,
			HttpHeaders.AUTHORIZATION);

	private final ReloadingValue<Snapshot> snapshot;

	ClearKeyCors(CorsOriginService origins) {
		// Nothing known yet and the database down: no origin may read, the next request
		// tries again, and the request itself goes on to its own answer (503).
		this.snapshot = new ReloadingValue<>("the Clear Key CORS origins", REFRESH_INTERVAL, () -> load(origins),
				new Snapshot(Map.of(), Set.of()));
	}

	/**
	 * Forgets the cached origins, so that the next request sees a change made on this
	 * node.
	 * @param change the change of a provider's origins
	 */
	@EventListener
	public void refresh(CorsOriginsChanged change) {
		this.snapshot.forget();
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !ClearKeyController.PATH.equals(request.getRequestURI());
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String origin = request.getHeader(HttpHeaders.ORIGIN);
		response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
		boolean preflight = HttpMethod.OPTIONS.matches(request.getMethod())
				&& request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
		if (preflight) {
			if (origin == null || !this.snapshot.get().union().contains(origin)) {
				response.setStatus(HttpStatus.FORBIDDEN.value());
				return;
			}
			response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
			response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, HttpMethod.POST.name());
			response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
			response.setHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, Long.toString(Duration.ofMinutes(10).toSeconds()));
			response.setStatus(HttpStatus.NO_CONTENT.value());
			return;
		}
		if (origin != null && allowed(origin, ClearKeyTokenHeader.claimedIssuer(request))) {
			// Devices and players never send cookies here: no credentialed requests.
			response.setHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
			response.setHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, HttpHeaders.RETRY_AFTER);
		}
		chain.doFilter(request, response);
	}

	/**
	 * Whether an origin may read the answer to a request whose token names that issuer:
	 * the issuer's origins (none if it is no provider, or one that allows none); without
	 * a readable token, any provider's, since the answer can only be a refusal.
	 */
	private boolean allowed(String origin, @Nullable String issuer) {
		Snapshot current = this.snapshot.get();
		if (issuer == null) {
			return current.union().contains(origin);
		}
		return current.byProvider().getOrDefault(issuer, Set.of()).contains(origin);
	}

	private static Snapshot load(CorsOriginService origins) {
		Map<String, Set<String>> byProvider = origins.originsByProviderName()
			.entrySet()
			.stream()
			.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
					(entry) -> entry.getValue()
						.stream()
						.map(CorsOrigin::value)
						.collect(Collectors.toUnmodifiableSet())));
		Set<String> union = new TreeSet<>();
		byProvider.values().forEach(union::addAll);
		return new Snapshot(byProvider, Set.copyOf(union));
	}

	/**
	 * The origins of each provider that allows any, and their union.
	 */
	private record Snapshot(Map<String, Set<String>> byProvider, Set<String> union) {

	}

}
