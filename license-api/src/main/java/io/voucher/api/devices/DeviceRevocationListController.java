package io.voucher.api.devices;

import java.time.Instant;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voucher.api.web.ApiException;
import io.voucher.api.web.PageRequests;
import io.voucher.api.web.PageResponse;
import io.voucher.api.web.ProblemCode;
import io.voucher.registry.revocation.DeviceRevocations;
import io.voucher.registry.revocation.DeviceRevocations.Revocation;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Platform-wide revocation of devices: administrators revoke, operators read when, why
 * and by whom; devices read the signed list at {@code /device/v1/revocation-list}.
 */
@RestController
@RequestMapping("/api/v1/admin/device-revocations")
@Tag(name = "Devices", description = "Device certificates")
class DeviceRevocationListController {

	private final DeviceRevocations revocations;

	DeviceRevocationListController(DeviceRevocations revocations) {
		this.revocations = revocations;
	}

	@GetMapping
	@Operation(operationId = "listDeviceRevocations",
			summary = "Revoked device certificates, newest first, paged, with reason and revoker")
	PageResponse<RevocationEntry> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + PageRequests.DEFAULT_SIZE) int size,
			@Parameter(description = "Only fingerprints that start with it") @RequestParam(
					required = false) @Nullable String fingerprint) {
		String prefix = (fingerprint != null && !fingerprint.isBlank()) ? fingerprint.trim() : null;
		return PageResponse.of(
				this.revocations.list(prefix, PageRequests.of(page, size, null, Map.of(), Sort.unsorted())),
				RevocationEntry::of);
	}

	@PostMapping
	@Operation(operationId = "revokeDevicePlatformWide",
			summary = "Revoke a device for the whole platform (administrators only); revoking again keeps the first "
					+ "revocation",
			description = "The certificate goes on the signed revocation list devices check "
					+ "(/device/v1/revocation-list) and, when Voucher knows the device key (from the Device CA, "
					+ "registrations or group members), the key is revoked with it: no provider's license, "
					+ "registration, bundle or group admits a certificate of that key, from the built-in Device CA or "
					+ "a manufacturer root, and the Device CA refuses to certify it again (DEVICE_KEY_REVOKED). Every "
					+ "registration of the device ends and it leaves every group. To refuse a device for one "
					+ "provider only, the provider blocks it (POST /api/v1/devices/{fingerprint}/revoke). "
					+ "400 VALIDATION_FAILED for a malformed fingerprint or reason.")
	RevocationEntry revoke(@Valid @RequestBody PlatformRevokeRequest request, Authentication authentication) {
		try {
			return RevocationEntry
				.of(this.revocations.revoke(request.fingerprint(), request.reason(), authentication.getName()));
		}
		catch (IllegalArgumentException ex) {
			throw new ApiException(ProblemCode.VALIDATION_FAILED, ex.getMessage());
		}
	}

	@Schema(name = "PlatformRevokeDeviceRequest")
	record PlatformRevokeRequest(@Schema(
			description = "base64url SHA-256 of the device certificate (43 characters)") @NotBlank String fingerprint,
			@Schema(example = "device key extracted") @NotBlank @Size(max = 500) String reason) {
	}

	@Schema(name = "DeviceRevocationEntry")
	record RevocationEntry(@Schema(description = "base64url SHA-256 of the device certificate") String fingerprint,
			@Schema(description = "base64url SHA-256 of the device key's SubjectPublicKeyInfo, revoked with the "
					+ "certificate; absent while Voucher does not know the key") @Nullable String keyId,
			Instant revokedAt, @Schema(description = "Why, as the revoker gave it") String reason,
			@Schema(description = "Who revoked it: an admin user (earlier revocations: a provider and its "
					+ "credential's prefix)") String revokedBy) {

		static RevocationEntry of(Revocation revocation) {
			return new RevocationEntry(revocation.fingerprint(), revocation.keyId(), revocation.revokedAt(),
					revocation.reason(), revocation.revokedBy());
		}

	}

}
