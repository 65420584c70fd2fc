package io.voucher.api.token;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voucher.api.security.ProviderPrincipal;
import io.voucher.api.security.ProviderScope;
import io.voucher.api.web.PageRequests;
import io.voucher.api.web.PageResponse;
import io.voucher.domain.token.EntitlementTokenAlgorithm;
import io.voucher.domain.token.EntitlementTokenKey;
import io.voucher.domain.token.EntitlementTokenKeyService;
import io.voucher.domain.token.GeneratedHmacKey;
import io.voucher.domain.token.InvalidEntitlementTokenKeyException;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The keys a provider's backend signs entitlement tokens with: an HS256 secret generated
 * here and shown once, or an ES256 public key the provider registers (its private key
 * never leaves the provider).
 */
@RestController
@RequestMapping("/api/v1/entitlement-token-keys")
@Tag(name = "Entitlement tokens", description = "Keys for the entitlement tokens of the direct license model")
class EntitlementTokenKeyController {

	private static final Map<String, String> SORTABLE = Map.of("created_at", "created_at", "kid", "kid");

	private final EntitlementTokenKeyService keys;

	private final ProviderScope scope;

	EntitlementTokenKeyController(EntitlementTokenKeyService keys, ProviderScope scope) {
		this.keys = keys;
		this.scope = scope;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "createEntitlementTokenKey",
			summary = "Generate an HS256 secret (returned this once) or register an ES256 public key (JWK or PEM)")
	EntitlementTokenKeyResponse create(@RequestBody EntitlementTokenKeyRequest request,
			@RequestParam(required = false) @Nullable String provider, Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		EntitlementTokenAlgorithm algorithm = algorithm(request.algorithm());
		boolean hasKey = request.publicKeyJwk() != null || request.publicKeyPem() != null;
		if (algorithm == EntitlementTokenAlgorithm.HS256) {
			if (hasKey) {
				throw new InvalidEntitlementTokenKeyException("public_key_jwk",
						"HS256 takes no key: the server generates the secret");
			}
			GeneratedHmacKey generated = this.keys.generateHmac(owner.providerId(), request.kid());
			try {
				return EntitlementTokenKeyResponse.of(generated.key(),
						Base64.getUrlEncoder().withoutPadding().encodeToString(generated.secret().toByteArray()));
			}
			finally {
				generated.secret().destroy();
			}
		}
		if (request.publicKeyJwk() != null && request.publicKeyPem() != null) {
			throw new InvalidEntitlementTokenKeyException("public_key_jwk", "give public_key_jwk or public_key_pem");
		}
		ParsedKey parsed = (request.publicKeyJwk() != null) ? fromJwk(request.publicKeyJwk())
				: fromPem(request.publicKeyPem());
		String kid = (request.kid() != null) ? request.kid() : parsed.kid();
		return EntitlementTokenKeyResponse.of(this.keys.registerEc(owner.providerId(), kid, parsed.key()), null);
	}

	@GetMapping
	@Operation(operationId = "listEntitlementTokenKeys",
			summary = "List entitlement-token keys, paged: key id, algorithm, creation; never a secret")
	PageResponse<EntitlementTokenKeyResponse> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + PageRequests.DEFAULT_SIZE) int size,
			@RequestParam(required = false) @Nullable String sort,
			@RequestParam(required = false) @Nullable String provider, Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		return PageResponse.of(
				this.keys.list(owner.providerId(),
						PageRequests.of(page, size, sort, SORTABLE, Sort.by(Sort.Direction.DESC, "created_at"))),
				(key) -> EntitlementTokenKeyResponse.of(key, null));
	}

	@DeleteMapping("/{kid}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "deleteEntitlementTokenKey",
			summary = "Delete an entitlement-token key: tokens naming it are refused from now on")
	void delete(@PathVariable String kid, @RequestParam(required = false) @Nullable String provider,
			Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		this.keys.delete(owner.providerId(), kid);
	}

	private static EntitlementTokenAlgorithm algorithm(@Nullable String value) {
		if (value == null) {
			throw new InvalidEntitlementTokenKeyException("algorithm", "is required: HS256 or ES256");
		}
		try {
			return EntitlementTokenAlgorithm.valueOf(value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidEntitlementTokenKeyException("algorithm", "must be HS256 or ES256");
		}
	}

	private static ParsedKey fromJwk(Map<String, Object> jwk) {
		JWK parsed;
		try {
			parsed = JWK.parse(jwk);
		}
		catch (ParseException ex) {
			throw new InvalidEntitlementTokenKeyException("public_key_jwk", "is not a valid JWK");
		}
		if (!(parsed instanceof ECKey ec) || !Curve.P_256.equals(ec.getCurve())) {
			throw new InvalidEntitlementTokenKeyException("public_key_jwk", "must be an EC P-256 JWK");
		}
		if (ec.isPrivate()) {
			// The private key must stay with the provider; it is not stored either.
			throw new InvalidEntitlementTokenKeyException("public_key_jwk",
					"must be a public key: remove the private part (d)");
		}
		if (ec.getAlgorithm() != null && !JWSAlgorithm.ES256.equals(ec.getAlgorithm())) {
			throw new InvalidEntitlementTokenKeyException("public_key_jwk", "alg must be ES256 when given");
		}
		try {
			return new ParsedKey(ec.toECPublicKey(), ec.getKeyID());
		}
		catch (JOSEException ex) {
			throw new InvalidEntitlementTokenKeyException("public_key_jwk", "is not a valid EC public key");
		}
	}

	private static ParsedKey fromPem(@Nullable String pem) {
		if (pem == null) {
			throw new InvalidEntitlementTokenKeyException("public_key_jwk",
					"ES256 needs the public key: public_key_jwk or public_key_pem");
		}
		String body = pem.replace("-----BEGIN PUBLIC KEY-----", "")
			.replace("-----END PUBLIC KEY-----", "")
			.replaceAll("\\s", "");
		try {
			PublicKey key = KeyFactory.getInstance("EC")
				.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
			return new ParsedKey((ECPublicKey) key, null);
		}
		catch (IllegalArgumentException | GeneralSecurityException | ClassCastException ex) {
			throw new InvalidEntitlementTokenKeyException("public_key_pem",
					"must be a PEM SubjectPublicKeyInfo (BEGIN PUBLIC KEY) of an EC P-256 key");
		}
	}

	private record ParsedKey(ECPublicKey key, @Nullable String kid) {
	}

	@Schema(name = "EntitlementTokenKeyRequest")
	record EntitlementTokenKeyRequest(
			@Schema(description = "HS256 (the server generates a secret) or ES256 (give the public key)",
					example = "ES256") @Nullable String algorithm,
			@Schema(description = "The key id tokens name in their header (1-64 of A-Z a-z 0-9 . _ -); default: the "
					+ "JWK's kid, else a generated one", example = "backend-2027") @Nullable String kid,
			@Schema(description = "ES256: the public key as a JWK (kty EC, crv P-256, x, y)", type = "object",
					additionalProperties = Schema.AdditionalPropertiesValue.TRUE) @Nullable Map<String, Object> publicKeyJwk,
			@Schema(description = "ES256: the public key as PEM (BEGIN PUBLIC KEY)") @Nullable String publicKeyPem) {
	}

	@Schema(name = "EntitlementTokenKey")
	record EntitlementTokenKeyResponse(@Schema(description = "The key id tokens name in their header") String kid,
			@Schema(description = "HS256 or ES256") String algorithm, Instant createdAt,
			@Schema(description = "HS256, in the creation's answer only: the secret, base64url of 32 bytes. It is "
					+ "never shown again.") @Nullable String secret) {

		static EntitlementTokenKeyResponse of(EntitlementTokenKey key, @Nullable String secret) {
			return new EntitlementTokenKeyResponse(key.kid(), key.algorithm().name(), key.createdAt(), secret);
		}

		@Override
		public String toString() {
			return "EntitlementTokenKey[" + this.kid + ", " + this.algorithm + "]";
		}

	}

}
