package io.voucher.api.devices;

import java.time.Instant;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voucher.api.web.PageRequests;
import io.voucher.api.web.PageResponse;
import io.voucher.registry.revocation.DeviceRevocations;
import io.voucher.registry.revocation.DeviceRevocations.Revocation;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Revoked device certificates with when, why and by whom, for operators; devices read the
 * signed list at {@code /device/v1/revocation-list}.
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

	@Schema(name = "DeviceRevocationEntry")
	record RevocationEntry(@Schema(description = "base64url SHA-256 of the device certificate") String fingerprint,
			Instant revokedAt, @Schema(description = "Why, as the revoker gave it") String reason,
			@Schema(description = "Who revoked it: an admin user, or a provider and its credential's prefix") String revokedBy) {

		static RevocationEntry of(Revocation revocation) {
			return new RevocationEntry(revocation.fingerprint(), revocation.revokedAt(), revocation.reason(),
					revocation.revokedBy());
		}

	}

}
