package io.voucher.api.devices;

import java.time.Instant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voucher.api.web.ApiException;
import io.voucher.api.web.ProblemCode;
import io.voucher.registry.revocation.DeviceRevocations;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Revokes device certificates: a revoked device gets no license from any provider.
 */
@RestController
@RequestMapping("/api/v1/devices")
@Tag(name = "Devices", description = "Device certificates")
class DeviceRevocationController {

	private final DeviceRevocations revocations;

	DeviceRevocationController(DeviceRevocations revocations) {
		this.revocations = revocations;
	}

	@PostMapping("/{fingerprint}/revoke")
	@Operation(operationId = "revokeDevice",
			summary = "Revoke a device certificate by fingerprint; revoking again keeps the first revocation")
	RevocationResponse revoke(@PathVariable String fingerprint, @Valid @RequestBody RevokeRequest request,
			Authentication authentication) {
		try {
			Instant revokedAt = this.revocations.revoke(fingerprint, request.reason(), authentication.getName());
			return new RevocationResponse(fingerprint, revokedAt);
		}
		catch (IllegalArgumentException ex) {
			throw new ApiException(ProblemCode.VALIDATION_FAILED, ex.getMessage());
		}
	}

	@Schema(name = "RevokeDeviceRequest")
	record RevokeRequest(@Schema(example = "certificate cloned") @NotBlank @Size(max = 500) String reason) {
	}

	@Schema(name = "DeviceRevocation")
	record RevocationResponse(@Schema(description = "base64url SHA-256 of the device certificate") String fingerprint,
			Instant revokedAt) {
	}

}
