package io.voucher.api.policy;

import java.net.URI;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voucher.api.security.ProviderPrincipal;
import io.voucher.api.security.ProviderScope;
import io.voucher.api.web.PageRequests;
import io.voucher.api.web.PageResponse;
import io.voucher.api.web.SearchParameter;
import io.voucher.domain.policy.InvalidPolicyException;
import io.voucher.domain.policy.PlaybackPolicy;
import io.voucher.domain.policy.Policy;
import io.voucher.domain.policy.PolicyName;
import io.voucher.domain.policy.PolicyService;
import io.voucher.domain.policy.PolicyViolation;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * A provider's named policies, referenced by {@code policy_name} in license messages and
 * entitlements.
 */
@RestController
@RequestMapping("/api/v1/policies")
@Tag(name = "Policies", description = "Named playback policies of a provider")
class PolicyController {

	private static final Map<String, String> SORTABLE = Map.of("name", "name", "created_at", "createdAt", "updated_at",
			"updatedAt");

	private final PolicyService policies;

	private final ProviderScope scope;

	PolicyController(PolicyService policies, ProviderScope scope) {
		this.policies = policies;
		this.scope = scope;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "createPolicy", summary = "Create a named policy")
	ResponseEntity<PolicyResponse> create(@RequestBody PolicyRequest request,
			@Parameter(description = "Provider to act for (admin users only)") @RequestParam(
					required = false) @Nullable String provider,
			Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		if (request.name() == null) {
			throw new InvalidPolicyException(List.of(new PolicyViolation("name", "is required")));
		}
		PolicyName name = new PolicyName(request.name());
		Policy created = this.policies.create(owner.providerId(), name, settings(request), request.trackRequirements());
		return ResponseEntity.created(URI.create("/api/v1/policies/" + name.value())).body(PolicyResponse.of(created));
	}

	@GetMapping
	@Operation(operationId = "listPolicies", summary = "List policies, paged; search by name")
	PageResponse<PolicyResponse> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + PageRequests.DEFAULT_SIZE) int size,
			@Parameter(
					description = "name, created_at or updated_at, optionally followed by ,asc or ,desc") @RequestParam(
							required = false) @Nullable String sort,
			@Parameter(description = SearchParameter.DESCRIPTION + "part of the policy's name") @RequestParam(
					required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String provider, Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		return PageResponse.of(this.policies.list(owner.providerId(), SearchParameter.of(q),
				PageRequests.of(page, size, sort, SORTABLE, Sort.by("name"))), PolicyResponse::of);
	}

	@GetMapping("/{name}")
	@Operation(operationId = "getPolicy", summary = "Get a policy")
	PolicyResponse get(@PathVariable String name, @RequestParam(required = false) @Nullable String provider,
			Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		return PolicyResponse.of(this.policies.get(owner.providerId(), new PolicyName(name)));
	}

	@PutMapping("/{name}")
	@Operation(operationId = "replacePolicy",
			summary = "Replace a policy's settings; omitted fields take the defaults; the revision grows")
	PolicyResponse replace(@PathVariable String name, @RequestBody PolicyRequest request,
			@RequestParam(required = false) @Nullable String provider, Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		if (request.name() != null && !request.name().equals(name)) {
			throw new InvalidPolicyException(
					List.of(new PolicyViolation("name", "must equal the policy's name in the path, or be omitted")));
		}
		return PolicyResponse.of(this.policies.update(owner.providerId(), new PolicyName(name), settings(request),
				request.trackRequirements()));
	}

	@DeleteMapping("/{name}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "deletePolicy", summary = "Delete a policy")
	void delete(@PathVariable String name, @RequestParam(required = false) @Nullable String provider,
			Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		this.policies.delete(owner.providerId(), new PolicyName(name));
	}

	private static PlaybackPolicy settings(PolicyRequest request) {
		return PlaybackPolicy.DEFAULTS.overlay(request.overrides());
	}

}
