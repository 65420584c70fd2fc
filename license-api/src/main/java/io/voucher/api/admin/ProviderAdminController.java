package io.voucher.api.admin;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voucher.api.web.ApiException;
import io.voucher.api.web.PageRequests;
import io.voucher.api.web.PageResponse;
import io.voucher.api.web.ProblemCode;
import io.voucher.api.web.SearchParameter;
import io.voucher.domain.provider.IssuedCredential;
import io.voucher.domain.provider.Provider;
import io.voucher.domain.provider.ProviderCredential;
import io.voucher.domain.provider.ProviderService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Providers and their API credentials, for admin users. A credential's token is shown
 * once, in the answer that creates it; afterwards only its prefix is.
 */
@RestController
@RequestMapping("/api/v1/admin/providers")
@Tag(name = "Admin: providers", description = "Providers (tenants) and their API credentials")
class ProviderAdminController {

	private static final Map<String, String> SORTABLE = Map.of("name", "name", "created_at", "createdAt");

	/** Longest grace period of a rotated credential. */
	private static final long MAX_GRACE_SECONDS = Duration.ofDays(30).toSeconds();

	private final ProviderService providers;

	private final ProviderAdministration administration;

	private final Clock clock;

	ProviderAdminController(ProviderService providers, ProviderAdministration administration, Clock clock) {
		this.providers = providers;
		this.administration = administration;
		this.clock = clock;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "createProvider", summary = "Create a provider")
	ResponseEntity<ProviderResponse> create(@Valid @RequestBody CreateProviderRequest request) {
		Provider provider = createProvider(request);
		return ResponseEntity.created(URI.create("/api/v1/admin/providers/" + provider.name()))
			.body(ProviderResponse.of(provider));
	}

	@GetMapping
	@Operation(operationId = "listProviders", summary = "List providers, paged; search by name")
	PageResponse<ProviderResponse> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + PageRequests.DEFAULT_SIZE) int size,
			@RequestParam(required = false) @Nullable String sort,
			@Parameter(description = SearchParameter.DESCRIPTION
					+ "part of the provider's name or display name") @RequestParam(
							required = false) @Nullable String q) {
		return PageResponse.of(this.providers.list(SearchParameter.of(q),
				PageRequests.of(page, size, sort, SORTABLE, Sort.by("name"))), ProviderResponse::of);
	}

	@GetMapping("/{name}")
	@Operation(operationId = "getProvider", summary = "Get a provider")
	ProviderResponse get(@PathVariable String name) {
		return ProviderResponse.of(this.providers.get(name));
	}

	@PatchMapping(path = "/{name}", consumes = { MediaType.APPLICATION_JSON_VALUE, "application/merge-patch+json" })
	@Operation(operationId = "updateProvider",
			summary = "Change a provider's display name, or disable or enable it (ADMIN only)",
			description = "A JSON merge patch: only the fields given change; an empty object changes nothing. "
					+ "While a provider is disabled its API credentials are refused (403 PROVIDER_DISABLED) and "
					+ "its devices get no new licenses (license status PROVIDER_DISABLED), registrations or "
					+ "bundles (403 PROVIDER_DISABLED). Nothing it stores is removed: enabling it again restores "
					+ "everything as it was. Recorded in the audit trail as provider.updated, provider.disabled "
					+ "or provider.enabled.")
	@ApiResponse(responseCode = "200", description = "The provider as it is now")
	@ApiResponse(responseCode = "400",
			description = "VALIDATION_FAILED (display_name blank or longer than 200), MALFORMED_REQUEST (unknown "
					+ "field, wrong type)",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	@ApiResponse(responseCode = "404", description = "PROVIDER_NOT_FOUND",
			content = @Content(mediaType = "application/problem+json",
					schema = @Schema(implementation = ProblemDetail.class)))
	ProviderResponse update(@PathVariable String name, @Valid @RequestBody UpdateProviderRequest request,
			Authentication authentication) {
		return ProviderResponse
			.of(this.administration.update(name, request.displayName(), request.disabled(), authentication.getName()));
	}

	@PostMapping("/{name}/credentials")
	@Operation(operationId = "createProviderCredential",
			summary = "Create an API credential; the token is in this answer only")
	ResponseEntity<IssuedCredentialResponse> createCredential(@PathVariable String name,
			@Valid @RequestBody CreateCredentialRequest request) {
		IssuedCredential issued = this.providers.createCredential(name, request.label(),
				Boolean.TRUE.equals(request.keyExport()));
		return ResponseEntity
			.created(URI.create("/api/v1/admin/providers/" + name + "/credentials/" + issued.credential().prefix()))
			.body(IssuedCredentialResponse.of(issued));
	}

	@GetMapping("/{name}/credentials")
	@Operation(operationId = "listProviderCredentials", summary = "List a provider's credentials (prefixes only)")
	List<CredentialResponse> credentials(@PathVariable String name) {
		Instant now = this.clock.instant();
		return this.providers.credentials(name)
			.stream()
			.map((credential) -> CredentialResponse.of(credential, now))
			.toList();
	}

	@PostMapping("/{name}/credentials/{prefix}/rotate")
	@Operation(operationId = "rotateProviderCredential",
			summary = "Replace a credential; the old one stays valid for the grace period")
	ResponseEntity<IssuedCredentialResponse> rotateCredential(@PathVariable String name, @PathVariable String prefix,
			@Valid @RequestBody RotateCredentialRequest request) {
		long grace = (request.graceSeconds() != null) ? request.graceSeconds() : Duration.ofDays(1).toSeconds();
		if (grace > MAX_GRACE_SECONDS) {
			throw new ApiException(ProblemCode.VALIDATION_FAILED,
					"grace_seconds must be at most " + MAX_GRACE_SECONDS + " (30 days)");
		}
		IssuedCredential issued = this.providers.rotateCredential(name, prefix, Duration.ofSeconds(grace));
		return ResponseEntity
			.created(URI.create("/api/v1/admin/providers/" + name + "/credentials/" + issued.credential().prefix()))
			.body(IssuedCredentialResponse.of(issued));
	}

	@DeleteMapping("/{name}/credentials/{prefix}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "revokeProviderCredential", summary = "Revoke a credential at once")
	void revokeCredential(@PathVariable String name, @PathVariable String prefix) {
		this.providers.revokeCredential(name, prefix);
	}

	private Provider createProvider(CreateProviderRequest request) {
		try {
			return this.providers.create(request.name(), request.displayName());
		}
		catch (IllegalArgumentException ex) {
			// The provider's own validation of its name and display name.
			throw new ApiException(ProblemCode.VALIDATION_FAILED, ex.getMessage());
		}
	}

	@Schema(name = "CreateProviderRequest")
	record CreateProviderRequest(
			@Schema(description = "Stable name, used as `provider` in license messages",
					example = "acme-media") @NotBlank @Size(max = 63) String name,
			@Schema(example = "Acme Media") @NotBlank @Size(max = 200) String displayName) {
	}

	@Schema(name = "UpdateProviderRequest", description = "The fields to change; those left out keep their value")
	record UpdateProviderRequest(
			@Schema(example = "Acme Media Ltd", maxLength = 200) @Nullable @Size(max = 200) String displayName,
			@Schema(description = "true disables the provider, false enables it again") @Nullable Boolean disabled) {
	}

	@Schema(name = "Provider")
	record ProviderResponse(String name, String displayName, Instant createdAt,
			@Schema(description = "Whether the provider is disabled: its credentials are refused and its devices "
					+ "get nothing new") boolean disabled,
			@Schema(description = "When it was disabled; absent while it is enabled") @Nullable Instant disabledAt) {

		static ProviderResponse of(Provider provider) {
			return new ProviderResponse(provider.name(), provider.displayName(), provider.createdAt(),
					provider.isDisabled(), provider.disabledAt());
		}

	}

	@Schema(name = "CreateCredentialRequest")
	record CreateCredentialRequest(
			@Schema(description = "What the credential is for",
					example = "packaging backend") @NotBlank @Size(max = 200) String label,
			@Schema(description = "Allow this credential to export content keys in clear, for a packager",
					defaultValue = "false") @Nullable Boolean keyExport) {
	}

	@Schema(name = "RotateCredentialRequest")
	record RotateCredentialRequest(@Schema(description = "Seconds the old credential stays valid; default 1 day, "
			+ "at most 30 days") @PositiveOrZero @Max(2_592_000) @Nullable Long graceSeconds) {
	}

	@Schema(name = "ProviderCredential")
	record CredentialResponse(String prefix, String label, boolean keyExport, Instant createdAt,
			@Nullable Instant expiresAt, @Nullable Instant revokedAt, @Nullable Instant lastUsedAt, boolean active) {

		static CredentialResponse of(ProviderCredential credential, Instant now) {
			return new CredentialResponse(credential.prefix(), credential.label(), credential.keyExport(),
					credential.createdAt(), credential.expiresAt(), credential.revokedAt(), credential.lastUsedAt(),
					credential.isActive(now));
		}

	}

	@Schema(name = "IssuedProviderCredential",
			description = "A new credential. `token` is shown only here: store it in the provider's backend.")
	record IssuedCredentialResponse(String prefix, String label, Instant createdAt,
			@Schema(description = "Send as `Authorization: Bearer <token>`") String token) {

		static IssuedCredentialResponse of(IssuedCredential issued) {
			return new IssuedCredentialResponse(issued.credential().prefix(), issued.credential().label(),
					issued.credential().createdAt(), issued.token());
		}

		@Override
		public String toString() {
			return "IssuedCredentialResponse[" + this.prefix + "]";
		}

	}

}
