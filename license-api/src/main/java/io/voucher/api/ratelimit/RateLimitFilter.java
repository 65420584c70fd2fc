package io.voucher.api.ratelimit;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import io.github.bucket4j.ConsumptionProbe;
import io.voucher.api.web.CachedBodyRequest;
import io.voucher.api.web.ProblemCode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits the device API per source address and per device certificate, the console
 * sign-in and Clear Key license requests per source address, and license messages per
 * device, answering 429 {@code RATE_LIMITED} with {@code Retry-After} when a bucket is
 * empty.
 * <p>
 * It runs after Spring Security's filters, so that CORS preflights (answered there) cost
 * nothing and a browser player can read the 429, and so that license messages are only
 * counted once their provider credential is valid.
 */
@Component
@Order(SecurityFilterProperties.DEFAULT_FILTER_ORDER + 10)
class RateLimitFilter extends OncePerRequestFilter {

	static final String DEVICE_PREFIX = "/device/";

	static final String REGISTRATIONS = "/device/v1/registrations";

	static final String LICENSES = "/api/v1/licenses";

	/** Clear Key license requests come from browsers: limited per source address. */
	static final String CLEAR_KEY = "/api/v1/clearkey/license";

	/**
	 * The requests that carry a device's signed request in a body member, by path: a
	 * registration, a license message's challenge, a device's own license request.
	 */
	private static final Map<String, String> SIGNED_BODIES = Map.of(REGISTRATIONS, "registration", LICENSES, "payload",
			"/device/v1/licenses", "challenge");

	static final String SIGN_IN = "/api/v1/admin/session";

	private static final String DEVICE_SCHEME = "Device ";

	private final RateLimitProperties properties;

	private final RateLimitBuckets addresses;

	private final RateLimitBuckets devices;

	private final ClientAddresses clients;

	private final DeviceKeys deviceKeys;

	private final JsonMapper json;

	RateLimitFilter(RateLimitProperties properties, JsonMapper json) {
		this.properties = properties;
		this.addresses = new RateLimitBuckets(properties.perAddress(), properties.maxTrackedKeys());
		this.devices = new RateLimitBuckets(properties.perDevice(), properties.maxTrackedKeys());
		this.clients = new ClientAddresses(properties.trustedProxies());
		this.deviceKeys = new DeviceKeys(json);
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		if (!this.properties.enabled()) {
			return true;
		}
		String path = request.getRequestURI();
		boolean post = HttpMethod.POST.matches(request.getMethod());
		return !(path.startsWith(DEVICE_PREFIX)
				|| (post && (path.equals(LICENSES) || path.equals(SIGN_IN) || path.equals(CLEAR_KEY))));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = request.getRequestURI();
		HttpServletRequest forward = request;
		// License messages come from a provider's backend: its address is not a client's.
		if (!path.equals(LICENSES)) {
			ConsumptionProbe byAddress = this.addresses.tryConsume(this.clients.keyOf(request));
			if (!byAddress.isConsumed()) {
				refuse(response, byAddress, "this address");
				return;
			}
		}
		Optional<String> device = Optional.empty();
		String member = HttpMethod.POST.matches(request.getMethod()) ? SIGNED_BODIES.get(path) : null;
		if (member != null) {
			// The signed request is in the body: read it once, hand the same bytes on.
			byte[] body = request.getInputStream().readAllBytes();
			forward = new CachedBodyRequest(request, body);
			if (MediaType.APPLICATION_JSON.isCompatibleWith(contentType(request))) {
				device = this.deviceKeys.fingerprintOf(body, member);
			}
		}
		else if (path.startsWith(DEVICE_PREFIX)) {
			String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
			if (authorization != null && authorization.startsWith(DEVICE_SCHEME)) {
				device = this.deviceKeys.fingerprintOf(authorization.substring(DEVICE_SCHEME.length()).trim());
			}
		}
		if (device.isPresent()) {
			ConsumptionProbe byDevice = this.devices.tryConsume(device.get());
			if (!byDevice.isConsumed()) {
				refuse(response, byDevice, "this device");
				return;
			}
		}
		chain.doFilter(forward, response);
	}

	private static MediaType contentType(HttpServletRequest request) {
		try {
			return (request.getContentType() != null) ? MediaType.parseMediaType(request.getContentType())
					: MediaType.ALL;
		}
		catch (IllegalArgumentException ex) {
			return MediaType.ALL;
		}
	}

	private void refuse(HttpServletResponse response, ConsumptionProbe probe, String whose) throws IOException {
		long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
		ProblemCode code = ProblemCode.RATE_LIMITED;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(code.status(),
				"Too many requests from " + whose + "; retry in " + seconds + " s.");
		problem.setType(code.type());
		problem.setProperty("code", code.name());
		response.setStatus(code.status().value());
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
