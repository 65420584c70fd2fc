package io.voucher.api.audit;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voucher.api.web.ApiException;
import io.voucher.api.web.NotFoundException;
import io.voucher.api.web.PageRequests;
import io.voucher.api.web.PageResponse;
import io.voucher.api.web.ProblemCode;
import io.voucher.domain.audit.AuditEvent;
import io.voucher.domain.audit.AuditEvent.Outcome;
import io.voucher.domain.audit.AuditTrail;
import io.voucher.domain.audit.AuditTrail.Verification;
import io.voucher.domain.provider.ProviderService;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Sort;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The audit trail for the console and auditors: query it, and verify that no event was
 * edited or deleted.
 */
@RestController
@RequestMapping("/api/v1/admin/audit-events")
@Tag(name = "Admin: audit trail", description = "Every admin and provider action and every license issued or refused")
class AuditController {

	private final AuditTrail trail;

	private final ProviderService providers;

	AuditController(AuditTrail trail, ProviderService providers) {
		this.trail = trail;
		this.providers = providers;
	}

	@GetMapping
	@Operation(operationId = "listAuditEvents", summary = "Audit events, newest first, paged and filtered")
	PageResponse<AuditEventResponse> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + PageRequests.DEFAULT_SIZE) int size,
			@RequestParam(required = false) @Nullable String provider,
			@RequestParam(required = false) @Nullable String actor,
			@RequestParam(required = false) @Nullable String action,
			@RequestParam(required = false) @Nullable String outcome,
			@RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to) {
		UUID providerId = (provider != null) ? this.providers.get(provider).id() : null;
		Outcome wanted = null;
		if (outcome != null) {
			try {
				wanted = Outcome.valueOf(outcome.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new ApiException(ProblemCode.VALIDATION_FAILED, "outcome must be SUCCESS, REFUSED or FAILED");
			}
		}
		AuditTrail.Filter filter = new AuditTrail.Filter(providerId, actor, action, wanted, instant("from", from),
				instant("to", to));
		Page<AuditEvent> events = this.trail.list(filter,
				PageRequests.of(page, size, null, java.util.Map.of(), Sort.unsorted()));
		Map<UUID, String> names = this.providers.names(events.getContent()
			.stream()
			.map(AuditEvent::providerId)
			.filter(Objects::nonNull)
			.collect(Collectors.toSet()));
		return PageResponse.of(events, (event) -> AuditEventResponse.of(event, names));
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getAuditEvent", summary = "One audit event, with its full target and detail",
			description = "The list shows the same fields; this is the event's own address, for links.")
	@ApiResponse(responseCode = "200", description = "The event")
	@ApiResponse(responseCode = "404", description = "No event has this id (code NOT_FOUND)",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	AuditEventResponse get(@PathVariable long id) {
		AuditEvent event = this.trail.get(id).orElseThrow(() -> new NotFoundException("No audit event " + id));
		UUID providerId = event.providerId();
		return AuditEventResponse.of(event, (providerId != null) ? this.providers.names(Set.of(providerId)) : Map.of());
	}

	@GetMapping("/verification")
	@Operation(operationId = "verifyAuditTrail",
			summary = "Recompute the hash chain over every sealed event and report where it breaks",
			description = "An edited event breaks the chain at itself, a deleted one at the event after it. Events "
					+ "are sealed every few seconds; unsealed_events are not verified yet.")
	Verification verify() {
		return this.trail.verify();
	}

	private static @Nullable Instant instant(String name, @Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new ApiException(ProblemCode.VALIDATION_FAILED, name + " must be an ISO-8601 instant");
		}
	}

	@Schema(name = "AuditEvent")
	record AuditEventResponse(long id, Instant occurredAt,
			@Schema(description = "ADMIN, PROVIDER, DEVICE, ANONYMOUS or SYSTEM") String actorType, String actor,
			@Nullable UUID providerId,
			@Schema(description = "The name of the provider the event concerns, if any") @Nullable String provider,
			String action, @Nullable String target, @Schema(description = "SUCCESS, REFUSED or FAILED") String outcome,
			@Nullable String detail, @Schema(description = "The chain hash, once sealed") @Nullable String hash) {

		static AuditEventResponse of(AuditEvent event, Map<UUID, String> providerNames) {
			UUID providerId = event.providerId();
			return new AuditEventResponse(event.id(), event.occurredAt(), event.actorType().name(), event.actor(),
					providerId, (providerId != null) ? providerNames.get(providerId) : null, event.action(),
					event.target(), event.outcome().name(), event.detail(), event.hash());
		}

	}

}
