package io.voucher.api.entitlement;

import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voucher.api.license.LicenseMessage.PolicyOverridesMessage;
import io.voucher.api.security.ProviderPrincipal;
import io.voucher.api.security.ProviderScope;
import io.voucher.api.web.PageRequests;
import io.voucher.api.web.PageResponse;
import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.voucher.LicenseType;
import io.voucher.domain.content.ContentId;
import io.voucher.domain.entitlement.Entitlement;
import io.voucher.domain.entitlement.EntitlementNotFoundException;
import io.voucher.domain.entitlement.EntitlementService;
import io.voucher.domain.entitlement.InvalidEntitlementException;
import io.voucher.domain.group.GroupService;
import io.voucher.domain.jobs.Job;
import io.voucher.domain.jobs.Jobs;
import io.voucher.domain.policy.PolicyName;
import io.voucher.domain.policy.PolicyOverrides;
import io.voucher.registry.registration.RegistrationService;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Entitlements: a provider's backend grants a generated ID a content under a policy, and
 * withdraws it. Licenses for registered IDs are pre-generated in the background; a
 * withdrawal takes their licenses out of the bundle at once.
 */
@RestController
@RequestMapping("/api/v1/entitlements")
@Tag(name = "Entitlements", description = "Which generated ID gets which content under which policy")
class EntitlementController {

	private static final Map<String, String> SORTABLE = Map.of("created_at", "created_at", "content_id", "content_id",
			"generated_id", "generated_id");

	private final EntitlementService entitlements;

	private final RegistrationService registrations;

	private final GroupService groups;

	private final Jobs jobs;

	private final ProviderScope scope;

	EntitlementController(EntitlementService entitlements, RegistrationService registrations, GroupService groups,
			Jobs jobs, ProviderScope scope) {
		this.entitlements = entitlements;
		this.registrations = registrations;
		this.groups = groups;
		this.jobs = jobs;
		this.scope = scope;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "grantEntitlement",
			summary = "Grant a generated ID a content under a policy (policy_name, policy_overrides or both)",
			description = "When the generated ID is registered, job_id names the job pre-generating its license.")
	ResponseEntity<EntitlementResponse> grant(@RequestBody EntitlementRequest request,
			@RequestParam(required = false) @Nullable String provider, Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		if ((request.generatedId() == null) == (request.groupId() == null)) {
			throw new InvalidEntitlementException("generated_id", "give generated_id or group_id, not both");
		}
		if (request.contentId() == null) {
			throw new InvalidEntitlementException("content_id", "is required");
		}
		ContentId contentId;
		try {
			contentId = new ContentId(request.contentId());
		}
		catch (RuntimeException ex) {
			throw new InvalidEntitlementException("content_id", ex.getMessage());
		}
		PolicyName policyName = (request.policyName() != null) ? new PolicyName(request.policyName()) : null;
		LicenseType licenseType = licenseType(request.licenseType());
		PolicyOverrides overrides = (request.policyOverrides() != null) ? request.policyOverrides().toOverrides()
				: null;
		boolean exclusive = Boolean.TRUE.equals(request.usePolicyOverridesExclusively());
		Entitlement entitlement;
		UUID jobId;
		if (request.groupId() != null) {
			entitlement = this.entitlements.grantToGroup(owner.providerId(), request.groupId(), contentId, policyName,
					overrides, exclusive, licenseType);
			jobId = this.groups.find(request.groupId())
				.flatMap((group) -> this.jobs.latest(owner.providerId(), "group:" + group.rowId()))
				.map(Job::id)
				.orElse(null);
		}
		else {
			GeneratedId generatedId = generatedId(request.generatedId());
			entitlement = this.entitlements.grant(owner.providerId(), generatedId, contentId, policyName, overrides,
					exclusive, licenseType);
			jobId = this.registrations.find(generatedId.value())
				.filter((registration) -> registration.providerId().equals(owner.providerId()))
				.flatMap((registration) -> this.jobs.latest(owner.providerId(), "registration:" + registration.id()))
				.map(Job::id)
				.orElse(null);
		}
		return ResponseEntity.created(URI.create("/api/v1/entitlements/" + entitlement.id()))
			.body(EntitlementResponse.of(entitlement, jobId));
	}

	@GetMapping
	@Operation(operationId = "listEntitlements",
			summary = "List entitlements, paged; filter by generated ID or content, withdrawn ones on demand")
	PageResponse<EntitlementResponse> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + PageRequests.DEFAULT_SIZE) int size,
			@RequestParam(required = false) @Nullable String sort,
			@RequestParam(name = "generated_id", required = false) @Nullable String generatedId,
			@RequestParam(name = "group_id", required = false) @Nullable String groupId,
			@RequestParam(name = "content_id", required = false) @Nullable String contentId,
			@RequestParam(name = "include_withdrawn", defaultValue = "false") boolean includeWithdrawn,
			@RequestParam(required = false) @Nullable String provider, Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		return PageResponse.of(
				this.entitlements.list(owner.providerId(), generatedId, groupId, contentId, includeWithdrawn,
						PageRequests.of(page, size, sort, SORTABLE, Sort.by(Sort.Direction.DESC, "created_at"))),
				(entitlement) -> EntitlementResponse.of(entitlement, null));
	}

	@GetMapping("/{id}")
	@Operation(operationId = "getEntitlement", summary = "Get an entitlement")
	EntitlementResponse get(@PathVariable String id, @RequestParam(required = false) @Nullable String provider,
			Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		return EntitlementResponse.of(this.entitlements.get(owner.providerId(), uuid(id)), null);
	}

	@DeleteMapping("/{id}")
	@Operation(operationId = "withdrawEntitlement",
			summary = "Withdraw an entitlement: its licenses leave the bundle at once; withdrawing again is harmless")
	EntitlementResponse withdraw(@PathVariable String id, @RequestParam(required = false) @Nullable String provider,
			Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		return EntitlementResponse.of(this.entitlements.withdraw(owner.providerId(), uuid(id)), null);
	}

	private static UUID uuid(String id) {
		try {
			return UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			throw new EntitlementNotFoundException(id);
		}
	}

	private static GeneratedId generatedId(@Nullable String value) {
		if (value == null) {
			throw new InvalidEntitlementException("generated_id", "is required");
		}
		try {
			return new GeneratedId(value);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEntitlementException("generated_id", ex.getMessage());
		}
	}

	private static LicenseType licenseType(@Nullable String value) {
		if (value == null) {
			return LicenseType.OFFLINE;
		}
		try {
			return LicenseType.valueOf(value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEntitlementException("license_type", "must be STREAMING or OFFLINE");
		}
	}

	@Schema(name = "EntitlementRequest")
	record EntitlementRequest(@Schema(
			description = "The device's generated ID (22-64 base64url characters); or group_id") @Nullable String generatedId,
			@Schema(description = "A device group's id: one license bound to the group serves its members") @Nullable String groupId,
			@Schema(description = "The content (plain id)", example = "movie-1") @Nullable String contentId,
			@Schema(description = "A stored policy's name", example = "rental-48h") @Nullable String policyName,
			@Schema(description = "Overrides over the stored policy (or alone)") @Nullable PolicyOverridesMessage policyOverrides,
			@Schema(description = "Apply the overrides alone, over the template's defaults",
					defaultValue = "false") @Nullable Boolean usePolicyOverridesExclusively,
			@Schema(description = "STREAMING or OFFLINE", defaultValue = "OFFLINE") @Nullable String licenseType) {
	}

	@Schema(name = "Entitlement")
	record EntitlementResponse(UUID id, @Nullable String generatedId, @Nullable String groupId, String contentId,
			@Nullable String policyName, PolicyOverridesMessage policyOverrides, boolean usePolicyOverridesExclusively,
			String licenseType, Instant createdAt, @Nullable Instant withdrawnAt,
			@Schema(description = "In the grant's answer: the job pre-generating the license, when the ID is "
					+ "registered") @Nullable UUID jobId) {

		static EntitlementResponse of(Entitlement entitlement, @Nullable UUID jobId) {
			var o = entitlement.overrides();
			return new EntitlementResponse(entitlement.id(), entitlement.generatedId(), entitlement.groupId(),
					entitlement.contentId().value(), entitlement.policyName(),
					new PolicyOverridesMessage(o.canPlay(), o.canPersist(), o.canRenew(), o.licenseDurationSeconds(),
							o.rentalDurationSeconds(), o.playbackDurationSeconds(), o.renewalServerUrl(),
							o.renewalDelaySeconds(), o.renewalRetryIntervalSeconds(),
							o.renewalRecoveryDurationSeconds(), o.renewWithUsage()),
					entitlement.overridesExclusively(), entitlement.licenseType().name(), entitlement.createdAt(),
					entitlement.withdrawnAt(), jobId);
		}

	}

}
