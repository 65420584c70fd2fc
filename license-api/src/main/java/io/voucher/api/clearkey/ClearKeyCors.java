package io.voucher.api.clearkey;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

import io.voucher.domain.cors.CorsOrigin;
import io.voucher.domain.cors.CorsOriginService;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
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

	private static final Logger logger = LoggerFactory.getLogger(ClearKeyCors.class);

	private static final String ALLOWED_HEADERS = String.join(", ", ClearKeyTokenHeader.NAME, HttpHeaders.CONTENT_TYPE,
			HttpHeaders.AUTHORIZATION);

	private final CorsOriginService origins;

	private final ReentrantLock loading = new ReentrantLock();

	private volatile @Nullable Snapshot snapshot;

	ClearKeyCors(CorsOriginService origins) {
		this.origins = origins;
	}

	/**
	 * Forgets the cached origins, so that the next request sees a change made on this
	 * node.
	 */
	public void refresh() {
		this.snapshot = null;
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
			if (origin == null || !current().union().contains(origin)) {
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
		Snapshot current = current();
		if (issuer == null) {
			return current.union().contains(origin);
		}
		return current.byProvider().getOrDefault(issuer, Set.of()).contains(origin);
	}

	private Snapshot current() {
		Snapshot cached = this.snapshot;
		if (cached != null && !cached.isStale()) {
			return cached;
		}
		if (cached != null && !this.loading.tryLock()) {
			return cached;
		}
		if (cached == null) {
			this.loading.lock();
		}
		try {
			Snapshot again = this.snapshot;
			if (again != null && again != cached && !again.isStale()) {
				return again;
			}
			Snapshot loaded = load(cached);
			this.snapshot = loaded;
			return loaded;
		}
		finally {
			this.loading.unlock();
		}
	}

	private Snapshot load(@Nullable Snapshot previous) {
		try {
			Map<String, Set<String>> byProvider = this.origins.originsByProviderName()
				.entrySet()
				.stream()
				.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey,
						(entry) -> entry.getValue()
							.stream()
							.map(CorsOrigin::value)
							.collect(Collectors.toUnmodifiableSet())));
			Set<String> union = new TreeSet<>();
			byProvider.values().forEach(union::addAll);
			return new Snapshot(byProvider, Set.copyOf(union), System.nanoTime());
		}
		catch (RuntimeException ex) {
			// The database is down: keep answering with what was known, try again later.
			logger.warn("Could not reload the Clear Key CORS origins: {}", ex.getMessage());
			if (previous != null) {
				return new Snapshot(previous.byProvider(), previous.union(), System.nanoTime());
			}
			throw ex;
		}
	}

	/**
	 * The origins of each provider that allows any, and their union.
	 */
	private record Snapshot(Map<String, Set<String>> byProvider, Set<String> union, long loadedAtNanos) {

		boolean isStale() {
			return System.nanoTime() - this.loadedAtNanos > REFRESH_INTERVAL.toNanos();
		}

	}

}
