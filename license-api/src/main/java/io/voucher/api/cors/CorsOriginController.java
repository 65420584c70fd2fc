package io.voucher.api.cors;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voucher.api.clearkey.ClearKeyCors;
import io.voucher.api.security.ProviderPrincipal;
import io.voucher.api.security.ProviderScope;
import io.voucher.api.web.ApiException;
import io.voucher.api.web.ProblemCode;
import io.voucher.domain.cors.CorsOrigin;
import io.voucher.domain.cors.CorsOriginService;
import io.voucher.domain.cors.InvalidCorsOriginException;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The browser origins a provider's web players call the device API from. The list is read
 * and replaced as a whole.
 */
@RestController
@RequestMapping("/api/v1/cors-origins")
@Tag(name = "CORS origins", description = "Browser origins allowed to call the device API")
class CorsOriginController {

	private final CorsOriginService origins;

	private final ProviderScope scope;

	private final DeviceCorsConfigurationSource cors;

	private final ClearKeyCors clearKeyCors;

	CorsOriginController(CorsOriginService origins, ProviderScope scope, DeviceCorsConfigurationSource cors,
			ClearKeyCors clearKeyCors) {
		this.origins = origins;
		this.scope = scope;
		this.cors = cors;
		this.clearKeyCors = clearKeyCors;
	}

	@GetMapping
	@Operation(operationId = "listCorsOrigins", summary = "The origins allowed to call the device API from a browser")
	CorsOrigins list(@Parameter(description = "Provider to act for (admin users only)") @RequestParam(
			required = false) @Nullable String provider, Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		return CorsOrigins.of(this.origins.list(owner.providerId()));
	}

	@PutMapping
	@Operation(operationId = "replaceCorsOrigins",
			summary = "Replace the origins allowed to call the device API from a browser",
			description = "Each origin is a scheme (https or http), a host and an optional port, as a browser "
					+ "sends it in the Origin header: no path, no wildcard. The device API answers CORS for the "
					+ "origins of all providers; the Clear Key license endpoint answers CORS for the origins of the "
					+ "provider its entitlement token names. Other nodes see a change within 30 seconds.")
	CorsOrigins replace(@RequestBody CorsOrigins request,
			@Parameter(description = "Provider to act for (admin users only)") @RequestParam(
					required = false) @Nullable String provider,
			Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		if (request.origins() == null) {
			throw new ApiException(ProblemCode.INVALID_CORS_ORIGIN,
					"'origins' is required: the complete list, empty to allow none.");
		}
		List<CorsOrigin> replaced;
		try {
			replaced = this.origins.replace(owner.providerId(), request.origins());
		}
		catch (InvalidCorsOriginException ex) {
			throw new ApiException(ProblemCode.INVALID_CORS_ORIGIN, "Origin " + ex.getMessage() + ".");
		}
		this.cors.refresh();
		this.clearKeyCors.refresh();
		return CorsOrigins.of(replaced);
	}

	@Schema(name = "CorsOrigins")
	record CorsOrigins(@ArraySchema(schema = @Schema(example = "https://player.example.com",
			description = "scheme://host[:port], no path")) @Nullable List<String> origins) {

		static CorsOrigins of(List<CorsOrigin> origins) {
			return new CorsOrigins(origins.stream().map(CorsOrigin::value).toList());
		}

	}

}
