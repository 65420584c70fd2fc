package io.voucher.api.license;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voucher.api.security.ProviderPrincipal;
import io.voucher.api.security.ProviderScope;
import io.voucher.api.web.PageRequests;
import io.voucher.api.web.PageResponse;
import io.voucher.domain.license.IssuedLicense;
import io.voucher.domain.license.IssuedLicenseRepository;
import jakarta.persistence.criteria.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.security.core.Authentication;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The records of the licenses a provider was issued online: their claims, never their
 * keys (which are not kept).
 */
@RestController
@RequestMapping("/api/v1/licenses")
@Tag(name = "Licenses")
class IssuedLicenseController {

	private static final Map<String, String> SORTABLE = Map.of("issued_at", "issuedAt", "expires_at", "expiresAt",
			"content_id", "contentId", "license_id", "licenseId");

	private final IssuedLicenseRepository licenses;

	private final ProviderScope scope;

	private final JsonMapper json;

	IssuedLicenseController(IssuedLicenseRepository licenses, ProviderScope scope, JsonMapper json) {
		this.licenses = licenses;
		this.scope = scope;
		this.json = json;
	}

	@GetMapping
	@Transactional(readOnly = true)
	@Operation(operationId = "listIssuedLicenses",
			summary = "Search the licenses issued online (one record per answer: new, renewal, release), newest first")
	PageResponse<IssuedLicenseResponse> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + PageRequests.DEFAULT_SIZE) int size,
			@Parameter(description = "issued_at, expires_at, content_id or license_id, optionally followed by "
					+ ",asc or ,desc") @RequestParam(required = false) @Nullable String sort,
			@Parameter(description = "Only licenses of this content") @RequestParam(name = "content_id",
					required = false) @Nullable String contentId,
			@Parameter(description = "Only licenses of this device (certificate fingerprint)") @RequestParam(
					required = false) @Nullable String device,
			@Parameter(description = "Only the records of this license") @RequestParam(name = "license_id",
					required = false) @Nullable String licenseId,
			@RequestParam(required = false) @Nullable String provider, Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		Specification<IssuedLicense> search = (root, query, criteria) -> {
			List<Predicate> where = new ArrayList<>();
			where.add(criteria.equal(root.get("providerId"), owner.providerId()));
			if (contentId != null && !contentId.isBlank()) {
				where.add(criteria.equal(root.get("contentId"), contentId.trim()));
			}
			if (device != null && !device.isBlank()) {
				where.add(criteria.equal(root.get("deviceFingerprint"), device.trim()));
			}
			if (licenseId != null && !licenseId.isBlank()) {
				where.add(criteria.equal(root.get("licenseId"), licenseId.trim()));
			}
			return criteria.and(where.toArray(Predicate[]::new));
		};
		Sort newestFirst = Sort.by(Sort.Order.desc("issuedAt"), Sort.Order.desc("licenseCounter"));
		return PageResponse.of(this.licenses.findAll(search, PageRequests.of(page, size, sort, SORTABLE, newestFirst)),
				this::response);
	}

	private IssuedLicenseResponse response(IssuedLicense license) {
		return new IssuedLicenseResponse(license.id(), license.licenseId(), license.licenseCounter(),
				license.contentId(), license.deviceFingerprint(), license.licenseType().name(),
				license.requestType().name(), license.policyName(), license.policyRevision(), license.canRenew(),
				license.keyIds().isEmpty() ? List.of() : Arrays.asList(license.keyIds().split(",")), license.issuedAt(),
				license.expiresAt(), this.json.readTree(license.policySnapshot()));
	}

	@Schema(name = "IssuedLicense", description = "The claims of one license answer; the keys are never kept")
	record IssuedLicenseResponse(@Schema(description = "The record's id") UUID id,
			@Schema(description = "The license id, shared by a license's renewals and release") String licenseId,
			@Schema(description = "1 for a new license, then one more per renewal") int licenseCounter,
			String contentId, @Schema(description = "The device certificate's fingerprint") String deviceFingerprint,
			@Schema(description = "STREAMING or OFFLINE") String licenseType,
			@Schema(description = "NEW, RENEWAL or RELEASE") String requestType, @Nullable String policyName,
			@Nullable Long policyRevision, boolean canRenew,
			@Schema(description = "The key ids carried, base64url") List<String> keyIds, Instant issuedAt,
			@Nullable Instant expiresAt,
			@Schema(description = "The policy the license carries, as in its claims") JsonNode policy) {
	}

}
