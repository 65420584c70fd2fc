package io.voucher.api.cpix;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voucher.api.security.ProviderAuthentication;
import io.voucher.api.security.ProviderPrincipal;
import io.voucher.api.security.ProviderScope;
import io.voucher.api.web.ApiException;
import io.voucher.api.web.ProblemCode;
import org.jspecify.annotations.Nullable;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * CPIX key delivery: a packager (or a packaging service speaking AWS SPEKE v2) posts a
 * DASH-IF CPIX request document and gets the content keys with their DRM signalling.
 */
@RestController
@Tag(name = "CPIX", description = "DASH-IF CPIX key delivery for packagers (AWS SPEKE v2 compatible)")
class CpixController {

	/** The SPEKE version this endpoint speaks. */
	static final String SPEKE_VERSION = "2.0";

	/** How Voucher names itself to SPEKE callers. */
	static final String SPEKE_USER_AGENT = "Voucher";

	static final String DESCRIPTION = "The body is a DASH-IF CPIX 2.3 request document: `CPIX/@contentId` names the "
			+ "caller's content (the Voucher content id); `ContentKeyList` lists the key ids wanted (`ContentKey/@kid`, "
			+ "UUIDs, with an optional `commonEncryptionScheme`), or is absent for every active key of the content "
			+ "(one per track type); `DRMSystemList` names the systems wanted, W3C Clear Key "
			+ "(e2719d58-a985-b3c9-781a-b030af78d30e) and Voucher (4061521c-01ee-4b9d-8158-26a0a2036fa7), all of them "
			+ "when absent; `ContentKeyUsageRuleList` may name listed kids; `DeliveryDataList` carries the packager's "
			+ "RSA certificate(s) (`DeliveryKey/ds:X509Data/ds:X509Certificate`). The answer is a CPIX document with "
			+ "each key (`Data/pskc:Secret/pskc:PlainValue`, or `pskc:EncryptedValue` + `pskc:ValueMAC` under a "
			+ "document key that is RSA-OAEP-encrypted to each certificate), a `DRMSystem` per key and system with "
			+ "its `PSSH` (version 1 box) and `ContentProtectionData`, and a `ContentKeyUsageRule` per key by its "
			+ "track type. Keys in clear only for a credential created with key_export (else 403 "
			+ "CPIX_DELIVERY_KEY_REQUIRED); Voucher creates no key on request: a kid the content does not have is "
			+ "404 CPIX_KEY_NOT_FOUND; another provider's content is 404 CONTENT_NOT_FOUND. A document with a "
			+ "DOCTYPE (DTDs, entities) or that is not CPIX is 400 INVALID_CPIX; an unsupported DRM system is 400 "
			+ "CPIX_DRM_SYSTEM_NOT_SUPPORTED. Provider credentials only; every delivery is in the audit trail. "
			+ "Not cacheable. See docs/cpix.md.";

	static final String REQUEST_EXAMPLE = """
			<?xml version="1.0" encoding="UTF-8"?>
			<cpix:CPIX xmlns:cpix="urn:dashif:org:cpix" xmlns:pskc="urn:ietf:params:xml:ns:keyprov:pskc" \
			contentId="movie-1" version="2.3">
			  <cpix:ContentKeyList>
			    <cpix:ContentKey kid="01234567-89ab-cdef-0123-456789abcdef" commonEncryptionScheme="cenc"/>
			  </cpix:ContentKeyList>
			  <cpix:DRMSystemList>
			    <cpix:DRMSystem kid="01234567-89ab-cdef-0123-456789abcdef" systemId="e2719d58-a985-b3c9-781a-b030af78d30e"/>
			  </cpix:DRMSystemList>
			  <cpix:ContentKeyUsageRuleList>
			    <cpix:ContentKeyUsageRule kid="01234567-89ab-cdef-0123-456789abcdef" intendedTrackType="SD">
			      <cpix:VideoFilter/>
			    </cpix:ContentKeyUsageRule>
			  </cpix:ContentKeyUsageRuleList>
			</cpix:CPIX>
			""";

	static final String RESPONSE_EXAMPLE = """
			<?xml version="1.0" encoding="UTF-8"?>
			<cpix:CPIX xmlns:cpix="urn:dashif:org:cpix" xmlns:pskc="urn:ietf:params:xml:ns:keyprov:pskc" \
			xmlns:xenc="http://www.w3.org/2001/04/xmlenc#" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" \
			contentId="movie-1" version="2.3">
			  <cpix:ContentKeyList>
			    <cpix:ContentKey kid="01234567-89ab-cdef-0123-456789abcdef" commonEncryptionScheme="cenc">
			      <cpix:Data><pskc:Secret><pskc:PlainValue>ABEiM0RVZneImaq7zN3u/w==</pskc:PlainValue></pskc:Secret></cpix:Data>
			    </cpix:ContentKey>
			  </cpix:ContentKeyList>
			  <cpix:DRMSystemList>
			    <cpix:DRMSystem kid="01234567-89ab-cdef-0123-456789abcdef" systemId="e2719d58-a985-b3c9-781a-b030af78d30e" \
			name="W3C Clear Key">
			      <cpix:PSSH>AAAANHBzc2gBAAAA4nGdWKmFs8l4GrAwr3jTDgAAAAEBI0VniavN7wEjRWeJq83vAAAAAA==</cpix:PSSH>
			      <cpix:ContentProtectionData>PGNlbmM6cHNzaCB4bWxuczpjZW5jPSJ1cm46bXBlZzpjZW5jOjIwMTMiPkFBQUFOSEJ6YzJnQkFBQUE0bkdkV0ttRnM4bDRHckF3cjNqVERnQUFBQUVCSTBWbmlhdk43d0VqUldlSnE4M3ZBQUFBQUE9PTwvY2VuYzpwc3NoPg==</cpix:ContentProtectionData>
			    </cpix:DRMSystem>
			  </cpix:DRMSystemList>
			  <cpix:ContentKeyUsageRuleList>
			    <cpix:ContentKeyUsageRule kid="01234567-89ab-cdef-0123-456789abcdef" intendedTrackType="SD">
			      <cpix:VideoFilter maxPixels="442368"/>
			    </cpix:ContentKeyUsageRule>
			  </cpix:ContentKeyUsageRuleList>
			</cpix:CPIX>
			""";

	private final CpixKeyDelivery delivery;

	private final ProviderScope scope;

	CpixController(CpixKeyDelivery delivery, ProviderScope scope) {
		this.delivery = delivery;
		this.scope = scope;
	}

	@PostMapping(path = "/api/v1/cpix", consumes = { MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE },
			produces = MediaType.APPLICATION_XML_VALUE)
	@Operation(operationId = "requestCpixKeys", summary = "Get content keys for a packager as a DASH-IF CPIX document",
			description = DESCRIPTION,
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					description = "A CPIX 2.3 request document",
					content = @Content(mediaType = MediaType.APPLICATION_XML_VALUE, schema = @Schema(type = "string"),
							examples = @ExampleObject(name = "cpix", value = REQUEST_EXAMPLE))))
	@ApiResponse(responseCode = "200", description = "The CPIX document with the keys (not cacheable)",
			content = @Content(mediaType = MediaType.APPLICATION_XML_VALUE, schema = @Schema(type = "string"),
					examples = @ExampleObject(name = "cpix", value = RESPONSE_EXAMPLE)))
	ResponseEntity<String> cpix(@RequestBody byte[] body, Authentication authentication) {
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.APPLICATION_XML)
			.body(deliver(body, authentication));
	}

	@PostMapping(path = "/api/v1/speke/v2", consumes = { MediaType.APPLICATION_XML_VALUE, MediaType.TEXT_XML_VALUE },
			produces = MediaType.APPLICATION_XML_VALUE)
	@Operation(operationId = "requestSpekeKeys",
			summary = "Get content keys as an AWS SPEKE v2 key provider (CPIX, as requestCpixKeys)",
			description = "The same CPIX exchange as POST /api/v1/cpix, for packagers configured with a SPEKE v2 key "
					+ "provider URL: the answer carries the `X-Speke-Version: 2.0` and `X-Speke-User-Agent` headers. "
					+ "A request whose X-Speke-Version is not 2.0 is 400 INVALID_CPIX. " + DESCRIPTION,
			requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
					description = "A CPIX 2.3 request document as SPEKE v2 sends it",
					content = @Content(mediaType = MediaType.APPLICATION_XML_VALUE, schema = @Schema(type = "string"),
							examples = @ExampleObject(name = "speke", value = REQUEST_EXAMPLE))))
	@ApiResponse(responseCode = "200", description = "The CPIX document with the keys (not cacheable)",
			content = @Content(mediaType = MediaType.APPLICATION_XML_VALUE, schema = @Schema(type = "string"),
					examples = @ExampleObject(name = "speke", value = RESPONSE_EXAMPLE)))
	ResponseEntity<String> speke(@RequestBody byte[] body,
			@Parameter(description = "The SPEKE version of the request; 2.0 when present") @RequestHeader(
					name = "X-Speke-Version", required = false) @Nullable String spekeVersion,
			Authentication authentication) {
		if (spekeVersion != null && !SPEKE_VERSION.equals(spekeVersion.trim())) {
			throw new ApiException(ProblemCode.INVALID_CPIX, "Only SPEKE version 2.0 is supported.");
		}
		return ResponseEntity.ok()
			.cacheControl(CacheControl.noStore())
			.contentType(MediaType.APPLICATION_XML)
			.header("X-Speke-Version", SPEKE_VERSION)
			.header("X-Speke-User-Agent", SPEKE_USER_AGENT)
			.body(deliver(body, authentication));
	}

	private String deliver(byte[] body, Authentication authentication) {
		ProviderPrincipal caller = this.scope.resolve(authentication, null);
		boolean keyExport = authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> ProviderAuthentication.KEY_EXPORT.equals(authority.getAuthority()));
		return this.delivery.deliver(body, caller, authentication.getName(), keyExport);
	}

}
