package io.voucher.api.token;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.voucher.api.license.AllowedTrackTypes;
import io.voucher.api.license.LicenseMessage.PolicyOverridesMessage;
import io.voucher.api.security.ProviderPrincipal;
import io.voucher.api.token.EntitlementTokenRejectedException.Reason;
import io.voucher.domain.provider.Provider;
import io.voucher.domain.provider.ProviderNotFoundException;
import io.voucher.domain.provider.ProviderService;
import io.voucher.domain.token.EntitlementTokenAlgorithm;
import io.voucher.domain.token.EntitlementTokenKeyService;
import io.voucher.domain.token.VerificationKey;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Verifies entitlement tokens: a compact JWS whose key is found by issuer ({@code iss},
 * the provider's name) and key id ({@code kid}), checked with the algorithm that key is
 * registered for, never the one the header asks for; then audience, lifetime and the
 * claims that say what it grants. Every refusal is typed.
 */
@Component
@EnableConfigurationProperties(EntitlementTokenProperties.class)
public class EntitlementTokenVerifier {

	/** The {@code typ} values accepted; a token need not carry one. */
	static final Set<String> TYPES = Set.of("jwt", "voucher-entitlement+jwt", "application/voucher-entitlement+jwt");

	private static final int MAX_CONTENT_IDS = 100;

	private final ProviderService providers;

	private final EntitlementTokenKeyService keys;

	private final EntitlementTokenProperties properties;

	private final JsonMapper json;

	private final Clock clock;

	EntitlementTokenVerifier(ProviderService providers, EntitlementTokenKeyService keys,
			EntitlementTokenProperties properties, JsonMapper json, Clock clock) {
		this.providers = providers;
		this.keys = keys;
		this.properties = properties;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Verifies a token.
	 * @param compact the compact JWS
	 * @return what it grants
	 * @throws EntitlementTokenRejectedException when it is refused
	 */
	public EntitlementToken verify(String compact) {
		SignedJWT jwt = parse(compact);
		JWSHeader header = jwt.getHeader();
		JWTClaimsSet claims;
		try {
			claims = jwt.getJWTClaimsSet();
		}
		catch (ParseException ex) {
			throw rejected(Reason.MALFORMED, "The entitlement token's claims are not a JSON object");
		}
		ProviderPrincipal provider = issuer(claims);
		String kid = header.getKeyID();
		if (kid == null || kid.length() > 64) {
			throw rejected(Reason.UNKNOWN_KEY, "The entitlement token names no key of its issuer (kid)");
		}
		Optional<VerificationKey> key = this.keys.verificationKey(provider.providerId(), kid);
		if (key.isEmpty()) {
			throw rejected(Reason.UNKNOWN_KEY, "The entitlement token names no key of its issuer (kid)");
		}
		checkSignature(jwt, key.get());
		Instant expiresAt = checkTimes(claims);
		checkAudience(claims);
		return grant(claims, provider, kid, expiresAt);
	}

	private static SignedJWT parse(String compact) {
		JWT parsed;
		try {
			parsed = JWTParser.parse(compact);
		}
		catch (ParseException ex) {
			throw rejected(Reason.MALFORMED, "The entitlement token is not a compact JWS");
		}
		if (parsed instanceof PlainJWT) {
			throw rejected(Reason.ALGORITHM_NOT_ALLOWED, "An unsigned entitlement token (alg none) is never accepted");
		}
		if (!(parsed instanceof SignedJWT jwt)) {
			throw rejected(Reason.ALGORITHM_NOT_ALLOWED, "The entitlement token must be a JWS, not a JWE");
		}
		JWSHeader header = jwt.getHeader();
		if (!JWSAlgorithm.HS256.equals(header.getAlgorithm()) && !JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
			throw rejected(Reason.ALGORITHM_NOT_ALLOWED, "The entitlement token's alg must be HS256 or ES256");
		}
		if (hasCrit(header)) {
			throw rejected(Reason.MALFORMED, "The entitlement token must not carry crit");
		}
		if (header.getType() != null && !TYPES.contains(header.getType().getType().toLowerCase(Locale.ROOT))) {
			throw rejected(Reason.MALFORMED, "The entitlement token's typ must be JWT or voucher-entitlement+jwt");
		}
		return jwt;
	}

	/**
	 * Whether the header carries {@code crit} in any form, {@code []} and {@code null}
	 * included (Nimbus reads those as absent).
	 */
	private static boolean hasCrit(JWSHeader header) {
		if (header.getCriticalParams() != null && !header.getCriticalParams().isEmpty()) {
			return true;
		}
		try {
			return JSONObjectUtils.parse(header.getParsedBase64URL().decodeToString()).containsKey("crit");
		}
		catch (ParseException | RuntimeException ex) {
			return true;
		}
	}

	private ProviderPrincipal issuer(JWTClaimsSet claims) {
		String issuer = claims.getIssuer();
		if (issuer == null || issuer.isEmpty() || issuer.length() > 63) {
			throw rejected(Reason.UNKNOWN_ISSUER, "The entitlement token's iss names no provider");
		}
		try {
			Provider provider = this.providers.get(issuer);
			return new ProviderPrincipal(provider.id(), provider.name());
		}
		catch (ProviderNotFoundException ex) {
			throw rejected(Reason.UNKNOWN_ISSUER, "The entitlement token's iss names no provider");
		}
	}

	/**
	 * Verifies with the registered key's own algorithm: a header asking for another one
	 * (an HS256 token "signed" with an EC public key's bytes, say) is refused before any
	 * verification.
	 */
	private static void checkSignature(SignedJWT jwt, VerificationKey key) {
		EntitlementTokenAlgorithm registered = key.key().algorithm();
		if (!registered.name().equals(jwt.getHeader().getAlgorithm().getName())) {
			throw rejected(Reason.ALGORITHM_NOT_ALLOWED,
					"The entitlement token's alg is not the one its key is registered for");
		}
		byte[] secret = null;
		try {
			JWSVerifier verifier;
			if (key instanceof VerificationKey.Hmac hmac) {
				secret = hmac.secret().toByteArray();
				verifier = new MACVerifier(secret);
			}
			else {
				// The JDK's provider: a handful of verifications per playback start do
				// not
				// need Bouncy Castle's speed.
				verifier = new ECDSAVerifier(((VerificationKey.Ec) key).publicKey());
			}
			if (!jwt.verify(verifier)) {
				throw rejected(Reason.BAD_SIGNATURE, "The entitlement token's signature does not verify");
			}
		}
		catch (JOSEException ex) {
			throw rejected(Reason.BAD_SIGNATURE, "The entitlement token's signature does not verify");
		}
		finally {
			if (secret != null) {
				Arrays.fill(secret, (byte) 0);
			}
			if (key instanceof VerificationKey.Hmac hmac) {
				hmac.secret().destroy();
			}
		}
	}

	private Instant checkTimes(JWTClaimsSet claims) {
		Instant now = this.clock.instant();
		Duration skew = this.properties.clockSkew();
		Instant expiresAt = instant(claims.getExpirationTime());
		Instant issuedAt = instant(claims.getIssueTime());
		if (expiresAt == null || issuedAt == null) {
			throw rejected(Reason.INVALID_CLAIMS, "The entitlement token needs exp and iat");
		}
		if (now.isAfter(expiresAt.plus(skew))) {
			throw rejected(Reason.EXPIRED, "The entitlement token has expired");
		}
		Instant notBefore = instant(claims.getNotBeforeTime());
		if (issuedAt.isAfter(now.plus(skew)) || (notBefore != null && notBefore.isAfter(now.plus(skew)))) {
			throw rejected(Reason.NOT_YET_VALID, "The entitlement token is not valid yet (iat or nbf)");
		}
		if (Duration.between(issuedAt, expiresAt).compareTo(this.properties.maxLifetime()) > 0) {
			throw rejected(Reason.LIFETIME_TOO_LONG,
					"The entitlement token may live at most " + this.properties.maxLifetime().toSeconds() + " s");
		}
		return expiresAt;
	}

	private void checkAudience(JWTClaimsSet claims) {
		List<String> audience = claims.getAudience();
		if (audience == null || !audience.contains(this.properties.audience())) {
			throw rejected(Reason.WRONG_AUDIENCE,
					"The entitlement token's aud must name '" + this.properties.audience() + "'");
		}
	}

	private EntitlementToken grant(JWTClaimsSet claims, ProviderPrincipal provider, String kid, Instant expiresAt) {
		try {
			String jti = claims.getJWTID();
			if (jti == null || jti.length() < 16 || jti.length() > 128) {
				throw invalid("jti must be 16 to 128 characters");
			}
			String subject = claims.getSubject();
			String generatedId = claims.getStringClaim("gid");
			// Neither: a token for a client that has no Voucher device (Clear Key).
			if (subject != null && generatedId != null) {
				throw invalid("give sub (the device fingerprint) or gid (a generated ID), not both");
			}
			if ((subject != null && subject.length() > 64) || (generatedId != null && generatedId.length() > 64)) {
				throw invalid("sub and gid are at most 64 characters");
			}
			List<String> contentIds = contentIds(claims);
			String policyName = claims.getStringClaim("policy_name");
			PolicyOverridesMessage overrides = overrides(claims.getJSONObjectClaim("policy_overrides"));
			if (policyName == null && overrides == null) {
				throw invalid("give policy_name, policy_overrides or both");
			}
			Boolean exclusive = claims.getBooleanClaim("use_policy_overrides_exclusively");
			String tracks = claims.getStringClaim("allowed_track_types");
			return new EntitlementToken(provider, kid, jti, expiresAt, subject, generatedId, contentIds, policyName,
					overrides, exclusive, (tracks != null) ? trackTypes(tracks) : null);
		}
		catch (ParseException ex) {
			throw invalid("a claim has the wrong type");
		}
	}

	private static List<String> contentIds(JWTClaimsSet claims) throws ParseException {
		Set<String> contentIds = new LinkedHashSet<>();
		String single = claims.getStringClaim("cid");
		if (single != null) {
			contentIds.add(single);
		}
		List<String> listed = claims.getStringListClaim("content_ids");
		if (listed != null) {
			contentIds.addAll(listed);
		}
		if (contentIds.isEmpty() || contentIds.size() > MAX_CONTENT_IDS) {
			throw invalid("content_ids (or cid) must name 1 to " + MAX_CONTENT_IDS + " contents");
		}
		if (contentIds.contains(null)) {
			throw invalid("content_ids must be strings");
		}
		return new ArrayList<>(contentIds);
	}

	private @Nullable PolicyOverridesMessage overrides(@Nullable Map<String, Object> overrides) {
		if (overrides == null) {
			return null;
		}
		try {
			return this.json.convertValue(overrides, PolicyOverridesMessage.class);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw invalid("policy_overrides has an unknown field or a value of the wrong type");
		}
	}

	private static AllowedTrackTypes trackTypes(String value) {
		try {
			return AllowedTrackTypes.valueOf(value);
		}
		catch (IllegalArgumentException ex) {
			throw invalid("allowed_track_types must be SD_ONLY, SD_HD, SD_UHD1 or SD_UHD2");
		}
	}

	private static @Nullable Instant instant(@Nullable Date date) {
		return (date != null) ? date.toInstant() : null;
	}

	private static EntitlementTokenRejectedException invalid(String message) {
		return rejected(Reason.INVALID_CLAIMS, "The entitlement token's claims are invalid: " + message);
	}

	private static EntitlementTokenRejectedException rejected(Reason reason, String message) {
		return new EntitlementTokenRejectedException(reason, message);
	}

}
