package io.voucher.api.devices;

import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voucher.api.security.ProviderPrincipal;
import io.voucher.api.security.ProviderScope;
import io.voucher.api.web.ApiException;
import io.voucher.api.web.ProblemCode;
import io.voucher.registry.admission.AdmissionSettings;
import io.voucher.registry.admission.DeviceAdmission;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Which devices a provider admits: the roots (the built-in self-service Device CA,
 * trusted manufacturer roots) and the minimum security level, enforced on online
 * licenses, registrations, bundles, group joins and pre-generated licenses.
 */
@RestController
@RequestMapping("/api/v1/device-admission")
@Tag(name = "Devices", description = "Device certificates")
class DeviceAdmissionController {

	private final DeviceAdmission admission;

	private final ProviderScope scope;

	DeviceAdmissionController(DeviceAdmission admission, ProviderScope scope) {
		this.admission = admission;
		this.scope = scope;
	}

	@GetMapping
	@Operation(operationId = "getDeviceAdmission",
			summary = "Which devices this provider admits: roots and minimum security level",
			description = "A provider that never changed them gets the defaults: every trusted root, the built-in "
					+ "Device CA included, and security level 1.")
	AdmissionResponse get(@Parameter(description = "Provider to act for (admin users only)") @RequestParam(
			required = false) @Nullable String provider, Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		return AdmissionResponse.of(this.admission.settings(owner.providerId()));
	}

	@PutMapping
	@Operation(operationId = "updateDeviceAdmission",
			summary = "Replace which devices this provider admits (provider credential or ADMIN acting for it)",
			description = "Anyone can get a built-in Device CA certificate for a key of their own, and a license to "
					+ "a device whose key the requester holds is as good as the clear content keys: refuse the "
					+ "built-in CA, or require a security level above what self-individualization grants, to keep "
					+ "keys from such devices. Refused devices get DEVICE_NOT_ADMITTED (license status and problem "
					+ "code); their registrations stay but get no pre-generated licenses. Other nodes apply a change "
					+ "at once. clear_key_enabled switches the W3C Clear Key license endpoint on or off for this "
					+ "provider (off by default, see docs/clear-key.md); absent, it keeps its current value. 400 "
					+ "INVALID_DEVICE_ADMISSION for a missing field, a level outside 1-5 or a malformed root "
					+ "fingerprint.")
	AdmissionResponse update(@RequestBody AdmissionRequest request,
			@Parameter(description = "Provider to act for (admin users only)") @RequestParam(
					required = false) @Nullable String provider,
			Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		if (request.acceptBuiltInCa() == null || request.allManufacturerRoots() == null
				|| request.minSecurityLevel() == null) {
			throw new ApiException(ProblemCode.INVALID_DEVICE_ADMISSION,
					"accept_built_in_ca, all_manufacturer_roots and min_security_level are required");
		}
		AdmissionSettings settings;
		try {
			settings = new AdmissionSettings(request.acceptBuiltInCa(), request.allManufacturerRoots(),
					(request.manufacturerRoots() != null) ? request.manufacturerRoots() : List.of(),
					request.minSecurityLevel(), null, null,
					(request.clearKeyEnabled() != null) ? request.clearKeyEnabled()
							: this.admission.settings(owner.providerId()).clearKeyEnabled());
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw new ApiException(ProblemCode.INVALID_DEVICE_ADMISSION, (ex instanceof NullPointerException)
					? "manufacturer_roots must not contain null" : ex.getMessage());
		}
		return AdmissionResponse.of(this.admission.update(owner.providerId(), settings, authentication.getName()));
	}

	@Schema(name = "DeviceAdmissionUpdate")
	record AdmissionRequest(
			@Schema(description = "Whether devices certified by the built-in self-service Device CA are admitted",
					requiredMode = Schema.RequiredMode.REQUIRED) @Nullable Boolean acceptBuiltInCa,
			@Schema(description = "Whether devices of every trusted manufacturer root are admitted; if false, only "
					+ "those of manufacturer_roots",
					requiredMode = Schema.RequiredMode.REQUIRED) @Nullable Boolean allManufacturerRoots,
			@ArraySchema(
					schema = @Schema(description = "base64url SHA-256 of a manufacturer root certificate "
							+ "(the trust root's fingerprint)"),
					maxItems = AdmissionSettings.MAX_ROOTS) @Nullable List<String> manufacturerRoots,
			@Schema(description = "The lowest device security level admitted", minimum = "1", maximum = "5",
					requiredMode = Schema.RequiredMode.REQUIRED) @Nullable Integer minSecurityLevel,
			@Schema(description = "Whether this provider answers W3C Clear Key license requests "
					+ "(POST /api/v1/clearkey/license), which hand content keys in the clear to a browser; "
					+ "absent: unchanged (off until switched on)") @Nullable Boolean clearKeyEnabled) {
	}

	@Schema(name = "DeviceAdmission")
	record AdmissionResponse(boolean acceptBuiltInCa, boolean allManufacturerRoots, List<String> manufacturerRoots,
			int minSecurityLevel,
			@Schema(description = "When they were last changed; absent for the defaults") @Nullable Instant updatedAt,
			@Schema(description = "Who last changed them; absent for the defaults") @Nullable String updatedBy,
			@Schema(description = "Whether this provider answers W3C Clear Key license requests; off by "
					+ "default") boolean clearKeyEnabled) {

		static AdmissionResponse of(AdmissionSettings settings) {
			return new AdmissionResponse(settings.acceptBuiltInCa(), settings.allManufacturerRoots(),
					settings.manufacturerRoots(), settings.minSecurityLevel(), settings.updatedAt(),
					settings.updatedBy(), settings.clearKeyEnabled());
		}

	}

}
