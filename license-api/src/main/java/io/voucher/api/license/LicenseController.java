package io.voucher.api.license;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voucher.api.security.ProviderPrincipal;
import io.voucher.api.security.ProviderScope;
import io.voucher.domain.provider.ProviderNotFoundException;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The license endpoint: a provider's backend (or proxy) posts the license message with
 * the device's challenge as payload. Protocol-level refusals are answered with HTTP 200
 * and a status in the license response, as license proxies expect; only HTTP-level
 * problems (bad JSON, no credential) are RFC 9457 problems.
 */
@RestController
@RequestMapping("/api/v1/licenses")
@Tag(name = "Licenses", description = "Online licenses from the Widevine-style license message")
class LicenseController {

	private final OnlineLicenseService licenses;

	private final ProviderScope scope;

	LicenseController(OnlineLicenseService licenses, ProviderScope scope) {
		this.licenses = licenses;
		this.scope = scope;
	}

	@PostMapping
	@Operation(operationId = "requestLicense",
			summary = "Answer a license message: issue, renew or release a license, or parse the challenge")
	LicenseResponse license(@RequestBody LicenseMessage message, Authentication authentication) {
		if (message.provider() == null || message.provider().isBlank()) {
			return LicenseResponse.refused(LicenseStatus.MALFORMED_REQUEST, "provider is required", null);
		}
		ProviderPrincipal provider;
		try {
			provider = this.scope.resolve(authentication, message.provider());
		}
		catch (ProviderNotFoundException ex) {
			return LicenseResponse.refused(LicenseStatus.ACCESS_DENIED,
					"The caller may not request licenses for provider '" + message.provider() + "'", null);
		}
		return this.licenses.handle(message, provider);
	}

}
