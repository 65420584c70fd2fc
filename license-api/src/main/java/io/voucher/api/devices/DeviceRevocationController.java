package io.voucher.api.devices;

import java.time.Instant;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voucher.api.security.ProviderPrincipal;
import io.voucher.api.security.ProviderScope;
import io.voucher.api.web.ApiException;
import io.voucher.api.web.PageRequests;
import io.voucher.api.web.PageResponse;
import io.voucher.api.web.ProblemCode;
import io.voucher.registry.revocation.DeviceBlocks;
import io.voucher.registry.revocation.DeviceBlocks.Block;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A provider's own blocks of devices: a blocked device gets none of this provider's
 * licenses, registrations, bundles or groups, and nothing changes for other providers.
 * Revoking a device for the whole platform is an administrator's action
 * ({@code POST /api/v1/admin/device-revocations}).
 */
@RestController
@RequestMapping("/api/v1/devices")
@Tag(name = "Devices", description = "Device certificates")
class DeviceRevocationController {

	private final DeviceBlocks blocks;

	private final ProviderScope scope;

	DeviceRevocationController(DeviceBlocks blocks, ProviderScope scope) {
		this.blocks = blocks;
		this.scope = scope;
	}

	@PostMapping("/{fingerprint}/revoke")
	@Operation(operationId = "revokeDevice",
			summary = "Block a device for this provider only, by certificate fingerprint; blocking again keeps the "
					+ "first block",
			description = "The block covers the certificate and, when Voucher knows it (from the Device CA, "
					+ "registrations or group members), the device key: other certificates of the same key are "
					+ "blocked too. The provider's registrations of the device end, their bundles are withdrawn and "
					+ "the device leaves the provider's groups; its license requests to this provider answer "
					+ "DRM_DEVICE_CERTIFICATE_REVOKED. Other providers are not affected, and the device is not put "
					+ "on the platform's signed revocation list: that is an administrator's platform-wide "
					+ "revocation. 400 VALIDATION_FAILED for a malformed fingerprint or reason.")
	BlockResponse revoke(@PathVariable String fingerprint, @RequestBody RevokeRequest request,
			@Parameter(description = "Provider to act for (admin users only)") @RequestParam(
					required = false) @Nullable String provider,
			Authentication authentication) {
		// The provider is resolved first: another provider's caller learns nothing.
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		if (request.reason() == null) {
			throw new ApiException(ProblemCode.VALIDATION_FAILED, "reason is required");
		}
		try {
			return BlockResponse
				.of(this.blocks.block(owner.providerId(), fingerprint, request.reason(), authentication.getName()));
		}
		catch (IllegalArgumentException ex) {
			throw new ApiException(ProblemCode.VALIDATION_FAILED, ex.getMessage());
		}
	}

	@GetMapping("/blocks")
	@Operation(operationId = "listDeviceBlocks",
			summary = "The devices this provider blocked, newest first, paged, with reason and who blocked them")
	PageResponse<BlockResponse> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + PageRequests.DEFAULT_SIZE) int size,
			@Parameter(description = "Only fingerprints that start with it") @RequestParam(
					required = false) @Nullable String fingerprint,
			@Parameter(description = "Provider to act for (admin users only)") @RequestParam(
					required = false) @Nullable String provider,
			Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		String prefix = (fingerprint != null && !fingerprint.isBlank()) ? fingerprint.trim() : null;
		return PageResponse.of(this.blocks.list(owner.providerId(), prefix,
				PageRequests.of(page, size, null, Map.of(), Sort.unsorted())), BlockResponse::of);
	}

	@Schema(name = "RevokeDeviceRequest")
	record RevokeRequest(@Schema(example = "certificate cloned",
			requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = 500) @Nullable String reason) {
	}

	@Schema(name = "DeviceBlock", description = "A provider's block of a device")
	record BlockResponse(@Schema(description = "base64url SHA-256 of the device certificate") String fingerprint,
			@Schema(description = "base64url SHA-256 of the device key's SubjectPublicKeyInfo, blocked with the "
					+ "certificate; absent while Voucher does not know the key") @Nullable String keyId,
			Instant blockedAt, @Schema(description = "Why, as the provider gave it") String reason,
			@Schema(description = "Who blocked it: a provider and its credential's prefix, or an admin user acting "
					+ "for the provider") String blockedBy) {

		static BlockResponse of(Block block) {
			return new BlockResponse(block.fingerprint(), block.keyId(), block.blockedAt(), block.reason(),
					block.blockedBy());
		}

	}

}
