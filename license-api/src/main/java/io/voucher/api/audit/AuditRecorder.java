package io.voucher.api.audit;

import java.util.Locale;
import java.util.Set;

import io.voucher.api.security.ProviderPrincipal;
import io.voucher.domain.audit.AuditEvent.ActorType;
import io.voucher.domain.audit.AuditEvent.Outcome;
import io.voucher.domain.audit.AuditTrail;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Records every state-changing call of the API in the audit trail once it is answered:
 * who (admin user, provider credential, or the device whose signature the call carried),
 * which operation, on what, and how it ended. License messages are recorded by the
 * license service itself, with their license status, and Clear Key license requests by
 * the Clear Key service. Reading calls, and dry runs ({@code ?dry_run=true}), are not
 * recorded.
 */
@Component
public class AuditRecorder implements HandlerInterceptor {

	/** Request attribute naming the device that signed the call, set once verified. */
	public static final String DEVICE_ATTRIBUTE = AuditRecorder.class.getName() + ".device";

	private static final Set<String> DRY_RUN_TRUE = Set.of("true", "on", "yes", "1");

	private static final Logger logger = LoggerFactory.getLogger(AuditRecorder.class);

	private final AuditTrail trail;

	AuditRecorder(AuditTrail trail) {
		this.trail = trail;
	}

	/**
	 * Names the device whose verified signature a call carries, for the trail.
	 * @param request the request
	 * @param fingerprint the device certificate's fingerprint
	 */
	public static void device(HttpServletRequest request, String fingerprint) {
		request.setAttribute(DEVICE_ATTRIBUTE, fingerprint);
	}

	/**
	 * A dry run ({@code ?dry_run=true}, as Spring reads a boolean) changes nothing: it is
	 * a reading call, and recording it would look like the change it only describes.
	 */
	private static boolean isDryRun(HttpServletRequest request) {
		String dryRun = request.getParameter("dry_run");
		return dryRun != null && DRY_RUN_TRUE.contains(dryRun.trim().toLowerCase(Locale.ROOT));
	}

	@Override
	public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
			@Nullable Exception ex) {
		String method = request.getMethod();
		if (HttpMethod.GET.matches(method) || HttpMethod.HEAD.matches(method) || HttpMethod.OPTIONS.matches(method)
				|| request.getRequestURI().equals("/api/v1/licenses")
				|| request.getRequestURI().equals("/api/v1/clearkey/license") || isDryRun(request)) {
			return;
		}
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		String action = method + " " + ((pattern != null) ? pattern : request.getRequestURI());
		int status = response.getStatus();
		Outcome outcome = (status >= 500) ? Outcome.FAILED : (status >= 400) ? Outcome.REFUSED : Outcome.SUCCESS;
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		Object device = request.getAttribute(DEVICE_ATTRIBUTE);
		ActorType actorType;
		String actor;
		java.util.UUID providerId = null;
		if (authentication != null && authentication.getPrincipal() instanceof ProviderPrincipal provider) {
			actorType = ActorType.PROVIDER;
			actor = authentication.getName();
			providerId = provider.providerId();
		}
		else if (authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken)) {
			actorType = ActorType.ADMIN;
			actor = authentication.getName();
		}
		else if (device != null) {
			actorType = ActorType.DEVICE;
			actor = device.toString();
		}
		else {
			actorType = ActorType.ANONYMOUS;
			actor = "anonymous";
		}
		try {
			this.trail.append(actorType, actor, providerId, action, request.getRequestURI(), outcome,
					String.valueOf(status));
		}
		catch (RuntimeException failure) {
			// The answer is sent; a trail that cannot be written must be noticed, not
			// hidden.
			logger.error("Could not record {} by {} in the audit trail", action, actor, failure);
		}
	}

}
