package io.voucher.api.license;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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
			summary = "Answer a license message: issue, renew or release a license, or parse the challenge",
			description = "The request type (NEW, RENEWAL, RELEASE) is the challenge's. Refusals are answered with "
					+ "HTTP 200 and a `status` other than OK; see docs/license-message.md for the status codes.",
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
					mediaType = "application/json", schema = @Schema(implementation = LicenseMessage.class),
					examples = {
							@ExampleObject(name = "new", summary = "NEW with a stored policy and overrides",
									value = LicenseExamples.NEW_REQUEST),
							@ExampleObject(name = "key-specs",
									summary = "NEW with per-track key specs and an injected key",
									value = LicenseExamples.KEY_SPECS_REQUEST),
							@ExampleObject(name = "renewal", summary = "RENEWAL (the challenge names the license)",
									value = LicenseExamples.RENEWAL_REQUEST),
							@ExampleObject(name = "release", summary = "RELEASE of an offline license",
									value = LicenseExamples.RELEASE_REQUEST),
							@ExampleObject(name = "parse-only", summary = "parse_only",
									value = LicenseExamples.PARSE_ONLY_REQUEST) })),
			responses = @ApiResponse(responseCode = "200",
					description = "The license response: OK with the license, or a refusal status",
					content = @Content(mediaType = "application/json",
							schema = @Schema(implementation = LicenseResponse.class),
							examples = { @ExampleObject(name = "new", value = LicenseExamples.NEW_RESPONSE),
									@ExampleObject(name = "renewal", value = LicenseExamples.RENEWAL_RESPONSE),
									@ExampleObject(name = "release", value = LicenseExamples.RELEASE_RESPONSE),
									@ExampleObject(name = "parse-only", value = LicenseExamples.PARSE_ONLY_RESPONSE),
									@ExampleObject(name = "refused", value = LicenseExamples.REFUSED_RESPONSE) })))
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
