package io.voucher.api.clearkey;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The W3C EME Clear Key license endpoint: a browser player posts the license request its
 * CDM made, with the provider's entitlement token in a header, and gets the keys as a JWK
 * Set. See {@code docs/clear-key.md}.
 */
@RestController
@RequestMapping(ClearKeyController.PATH)
@Tag(name = "Clear Key", description = "W3C Clear Key licenses for browsers and other EME players")
class ClearKeyController {

	/** The endpoint's path. */
	static final String PATH = "/api/v1/clearkey/license";

	private final ClearKeyLicenses licenses;

	private final JsonMapper json;

	ClearKeyController(ClearKeyLicenses licenses, JsonMapper json) {
		this.licenses = licenses;
		this.json = json;
	}

	@PostMapping(produces = MediaType.APPLICATION_JSON_VALUE)
	@Operation(operationId = "requestClearKeyLicense",
			summary = "Get a W3C Clear Key license (EME §9.1.4) with an entitlement token",
			description = "The body is the EME Clear Key license request exactly as the browser's CDM makes it "
					+ "(application/json, application/octet-stream or no content type). The entitlement token "
					+ "(docs/license-message.md) goes in X-Voucher-Entitlement (or Authorization: Bearer), names the "
					+ "provider, the contents and the policy, and no device (no sub, no gid); it may be presented "
					+ "again until it expires. The provider must have switched Clear Key on "
					+ "(PUT /api/v1/device-admission, clear_key_enabled). The answer carries the requested keys "
					+ "of the first of the token's contents that has any, minus those withheld: keys of track "
					+ "types the token does not allow, and keys whose track the policy gives a security level "
					+ "above 1 (a Clear Key client is software). Requested key ids that are not the content's "
					+ "are left out. A Clear Key client enforces no duration and no output protection: see "
					+ "docs/clear-key.md. Refusals are problems a player can show: 401 CLEAR_KEY_TOKEN_MISSING; "
					+ "400 INVALID_CLEAR_KEY_REQUEST; 403 ENTITLEMENT_TOKEN_REJECTED (with reason; "
					+ "CONTENT_NOT_ENTITLED when no requested key is a key of the token's contents, "
					+ "DEVICE_MISMATCH for a token that names a device), CLEAR_KEY_DISABLED, "
					+ "CLEAR_KEY_PLAYBACK_NOT_ALLOWED (unknown policy, or can_play false), "
					+ "CLEAR_KEY_PERSISTENCE_NOT_ALLOWED (persistent-license without can_persist), "
					+ "CLEAR_KEY_NO_KEYS_GRANTED (every requested key withheld); 429 RATE_LIMITED. Browsers on "
					+ "the token's provider's CORS origins may read every answer.")
	@io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
			content = {
					@Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
							schema = @Schema(implementation = ClearKeyRequest.class)),
					@Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE,
							schema = @Schema(implementation = ClearKeyRequest.class)) })
	@ApiResponse(responseCode = "200", description = "The Clear Key license: the granted keys")
	ClearKeyResponse license(@RequestBody(required = false) byte @Nullable [] body, HttpServletRequest request) {
		return this.licenses.answer(request, () -> ClearKeyRequest.read(body, this.json));
	}

}
