package io.voucher.api.token;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.Optional;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voucher.api.security.ProviderPrincipal;
import io.voucher.api.security.ProviderScope;
import io.voucher.api.web.ApiException;
import io.voucher.api.web.ProblemCode;
import io.voucher.crypto.keys.SecretBytes;
import io.voucher.domain.content.ContentId;
import io.voucher.domain.content.ContentService;
import io.voucher.domain.policy.PolicyName;
import io.voucher.domain.policy.PolicyService;
import io.voucher.domain.token.EntitlementTokenAlgorithm;
import io.voucher.domain.token.EntitlementTokenKeyExistsException;
import io.voucher.domain.token.EntitlementTokenKeyService;
import io.voucher.domain.token.VerificationKey;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Short-lived test tokens for the console's try-it player: an entitlement token for one
 * content under one of the provider's policies, naming no device, so that a Clear Key
 * player (a browser) can fetch the content's keys with it. Voucher signs it with a key of
 * the provider's own that it keeps for this purpose ({@value #KID}, HS256, made on first
 * use and listed with the provider's other keys); the provider stops test tokens by
 * deleting that key and re-creates it with the next test token.
 */
@RestController
@Tag(name = "Entitlement tokens", description = "Keys for the entitlement tokens of the direct license model")
class TestTokenController {

	/** The key id of the key Voucher signs test tokens with, per provider. */
	static final String KID = "voucher-try-it";

	/** The longest a test token lives. */
	static final Duration MAX_LIFETIME = Duration.ofMinutes(10);

	/** Where a Clear Key player sends its license requests with the token. */
	static final String CLEAR_KEY_PATH = "/api/v1/clearkey/license";

	/** The header that carries the token to the Clear Key endpoint. */
	static final String TOKEN_HEADER = "X-Voucher-Entitlement";

	private final ProviderScope scope;

	private final ContentService contents;

	private final PolicyService policies;

	private final EntitlementTokenKeyService keys;

	private final EntitlementTokenProperties properties;

	private final Clock clock;

	TestTokenController(ProviderScope scope, ContentService contents, PolicyService policies,
			EntitlementTokenKeyService keys, EntitlementTokenProperties properties, Clock clock) {
		this.scope = scope;
		this.contents = contents;
		this.policies = policies;
		this.keys = keys;
		this.properties = properties;
		this.clock = clock;
	}

	@PostMapping("/api/v1/contents/{contentId}/test-token")
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "createTestToken",
			summary = "Sign a short-lived entitlement token for one content, to try playback with a Clear Key player",
			description = "For the provider (or an ADMIN acting for it with ?provider=): an entitlement token "
					+ "(docs/license-message.md) for this content under one of the provider's policies, naming no "
					+ "device, living lifetime_seconds (default and at most 600). Voucher signs it with the "
					+ "provider's entitlement-token key 'voucher-try-it' (HS256), which it makes on first use; "
					+ "deleting that key refuses every test token signed with it. The console's try-it player "
					+ "sends it to the Clear Key endpoint in X-Voucher-Entitlement (docs/try-it-player.md). The "
					+ "token is a bearer secret for a few minutes: it is returned once and never logged. Refusals: "
					+ "404 CONTENT_NOT_FOUND, POLICY_NOT_FOUND; 400 VALIDATION_FAILED; 409 "
					+ "ENTITLEMENT_TOKEN_KEY_EXISTS when the provider registered an ES256 key under that key id.")
	@ApiResponse(responseCode = "201", description = "The test token, with where and how to present it")
	TestTokenResponse create(@PathVariable String contentId, @RequestBody TestTokenRequest request,
			@RequestParam(required = false) @Nullable String provider, Authentication authentication) {
		// Whose content first: another provider's caller learns nothing from validation.
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		request.validate();
		ContentId content = new ContentId(contentId);
		this.contents.get(owner.providerId(), content);
		PolicyName policy = new PolicyName(request.policyName());
		this.policies.get(owner.providerId(), policy);
		Duration lifetime = (request.lifetimeSeconds() != null) ? Duration.ofSeconds(request.lifetimeSeconds())
				: MAX_LIFETIME;
		if (lifetime.compareTo(this.properties.maxLifetime()) > 0) {
			lifetime = this.properties.maxLifetime();
		}
		Instant now = this.clock.instant();
		// A JWT's exp has whole seconds: the answer names the same instant.
		Instant expiresAt = now.plus(lifetime).truncatedTo(ChronoUnit.SECONDS);
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(owner.providerName())
			.audience(this.properties.audience())
			.issueTime(Date.from(now))
			.expirationTime(Date.from(expiresAt))
			.jwtID(jti())
			.claim("cid", content.value())
			.claim("policy_name", policy.value())
			.build();
		String token = sign(owner, claims);
		return new TestTokenResponse(token, expiresAt, content.value(), policy.value(), KID, CLEAR_KEY_PATH,
				TOKEN_HEADER);
	}

	private static String jti() {
		SecretBytes random = SecretBytes.random(18);
		try {
			return "try-it-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random.toByteArray());
		}
		finally {
			random.destroy();
		}
	}

	private String sign(ProviderPrincipal owner, JWTClaimsSet claims) {
		VerificationKey.Hmac key = signingKey(owner);
		byte[] secret = key.secret().toByteArray();
		try {
			SignedJWT jwt = new SignedJWT(
					new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(KID).type(JOSEObjectType.JWT).build(), claims);
			jwt.sign(new MACSigner(secret));
			return jwt.serialize();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("a test token could not be signed", ex);
		}
		finally {
			Arrays.fill(secret, (byte) 0);
			key.secret().destroy();
		}
	}

	/** The provider's test-token key, made on first use (once, even when raced). */
	private VerificationKey.Hmac signingKey(ProviderPrincipal owner) {
		Optional<VerificationKey> existing = this.keys.verificationKey(owner.providerId(), KID);
		if (existing.isEmpty()) {
			try {
				this.keys.generateHmac(owner.providerId(), KID).secret().destroy();
			}
			catch (EntitlementTokenKeyExistsException ex) {
				// Another request made it first: use that one.
			}
			existing = this.keys.verificationKey(owner.providerId(), KID);
		}
		VerificationKey key = existing.orElseThrow(() -> new IllegalStateException("the test-token key is missing"));
		if (!(key instanceof VerificationKey.Hmac hmac) || key.key().algorithm() != EntitlementTokenAlgorithm.HS256) {
			throw new ApiException(ProblemCode.ENTITLEMENT_TOKEN_KEY_EXISTS, "The provider registered its own key as '"
					+ KID + "': Voucher signs test tokens with an HS256 key of that id; delete that key first");
		}
		return hmac;
	}

	@Schema(name = "TestTokenRequest")
	record TestTokenRequest(
			@Schema(description = "The provider's stored policy the token names", example = "rental",
					requiredMode = Schema.RequiredMode.REQUIRED) @NotBlank @Size(max = 64) @Nullable String policyName,
			@Schema(description = "How long the token lives, in seconds (default and at most 600)", example = "600",
					minimum = "30", maximum = "600") @Min(30) @Max(600) @Nullable Integer lifetimeSeconds) {

		/** The rules the annotations describe, checked once the provider is known. */
		void validate() {
			if (this.policyName == null || this.policyName.isBlank() || this.policyName.length() > 64) {
				throw new ApiException(ProblemCode.VALIDATION_FAILED, "policy_name: 1 to 64 characters");
			}
			if (this.lifetimeSeconds != null && (this.lifetimeSeconds < 30 || this.lifetimeSeconds > 600)) {
				throw new ApiException(ProblemCode.VALIDATION_FAILED, "lifetime_seconds: 30 to 600");
			}
		}
	}

	/**
	 * A test token and how to present it.
	 *
	 * @param token the entitlement token (compact JWS)
	 * @param expiresAt when it expires
	 * @param contentId the content it grants
	 * @param policyName the policy it names
	 * @param kid the key it is signed with
	 * @param clearKeyUrl the Clear Key endpoint's path on this server
	 * @param header the request header that carries the token
	 */
	@Schema(name = "TestTokenResponse")
	record TestTokenResponse(@Schema(description = "The entitlement token: a compact JWS, HS256") String token,
			Instant expiresAt, String contentId, String policyName,
			@Schema(description = "The key id it is signed with", example = KID) String kid,
			@Schema(description = "The Clear Key license endpoint's path on this server",
					example = CLEAR_KEY_PATH) String clearKeyUrl,
			@Schema(description = "The request header that carries the token to the Clear Key endpoint",
					example = TOKEN_HEADER) String header) {

		@Override
		public String toString() {
			return "TestTokenResponse[" + this.contentId + ", " + this.policyName + ", expires " + this.expiresAt + "]";
		}

	}

}
