package io.voucher.api.token;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voucher.api.license.DirectLicenses;
import io.voucher.api.license.LicenseResponse;
import io.voucher.domain.license.ChallengeNonces;
import io.voucher.registry.registration.RegistrationService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The direct model's license endpoint: a device presents the entitlement token its
 * provider's backend signed, with its challenge, and gets a license without a license
 * proxy. A refused token is an RFC 9457 problem; license-level refusals are answered in
 * the license response, as for the license message.
 */
@RestController
@RequestMapping("/device/v1/licenses")
@Tag(name = "Device", description = "Device API: individualization, trust and revocation list")
class DeviceLicenseController {

	private final EntitlementTokenVerifier verifier;

	private final DirectLicenses licenses;

	private final RegistrationService registrations;

	private final ChallengeNonces nonces;

	private final EntitlementTokenProperties properties;

	DeviceLicenseController(EntitlementTokenVerifier verifier, DirectLicenses licenses,
			RegistrationService registrations, ChallengeNonces nonces, EntitlementTokenProperties properties) {
		this.verifier = verifier;
		this.licenses = licenses;
		this.registrations = registrations;
		this.nonces = nonces;
		this.properties = properties;
	}

	@PostMapping
	@Operation(operationId = "requestDeviceLicense",
			summary = "Get a license with an entitlement token signed by the provider's backend (the direct model)",
			description = "The token (a JWT, HS256 or ES256 with one of the provider's entitlement-token keys) names "
					+ "the device, the contents and the policy; it is used once, when a license is issued. A refused "
					+ "token is 403 ENTITLEMENT_TOKEN_REJECTED with a `reason`, a used one 409 "
					+ "ENTITLEMENT_TOKEN_REPLAYED; license-level refusals are answered with 200 and a `status` other "
					+ "than OK, as for the license message. See docs/license-message.md.")
	LicenseResponse license(@Valid @RequestBody DeviceLicenseRequest request, HttpServletRequest http) {
		EntitlementToken token = this.verifier.verify(request.entitlementToken().trim());
		return this.licenses.handle(token.toLicenseMessage(request.challenge()), token.provider(),
				new EntitlementTokenGate(token, this.registrations, this.nonces, this.properties.clockSkew(), http));
	}

	@Schema(name = "DeviceLicenseRequest")
	record DeviceLicenseRequest(
			@Schema(description = "The entitlement token: a compact JWS signed by the provider's backend "
					+ "(docs/license-message.md)") @NotBlank @Size(max = 16384) String entitlementToken,
			@Schema(description = "The device's license challenge: a compact JWS (or its base64), as the license "
					+ "message's payload") @NotBlank @Size(max = 32768) String challenge) {

		@Override
		public String toString() {
			return "DeviceLicenseRequest[…]";
		}

	}

}
