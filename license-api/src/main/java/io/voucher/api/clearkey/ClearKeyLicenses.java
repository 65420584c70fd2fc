package io.voucher.api.clearkey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Collectors;

import io.voucher.api.clearkey.ClearKeyRequest.SessionType;
import io.voucher.api.license.DirectLicenses;
import io.voucher.api.license.KeyGrant;
import io.voucher.api.license.LicenseRefusal;
import io.voucher.api.security.ProviderPrincipal;
import io.voucher.api.token.EntitlementToken;
import io.voucher.api.token.EntitlementTokenRejectedException;
import io.voucher.api.token.EntitlementTokenRejectedException.Reason;
import io.voucher.api.token.EntitlementTokenVerifier;
import io.voucher.api.web.ApiException;
import io.voucher.api.web.ProblemCode;
import io.voucher.crypto.challenge.RequestType;
import io.voucher.crypto.pki.SecurityLevel;
import io.voucher.crypto.voucher.ContentKey;
import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.LicenseType;
import io.voucher.domain.audit.AuditEvent.ActorType;
import io.voucher.domain.audit.AuditEvent.Outcome;
import io.voucher.domain.audit.AuditTrail;
import io.voucher.domain.license.IssuedLicense;
import io.voucher.registry.admission.DeviceAdmission;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Answers Clear Key license requests: the entitlement token says which provider, contents
 * and policy; the provider must have switched Clear Key on; the online path's rules pick
 * the keys a level-1 software client may have; the answer is recorded and audited as a
 * license is. A Clear Key client enforces nothing, so what the policy can only ask of a
 * client (durations, output protection) is not carried; what the server can decide
 * ({@code can_play}, {@code can_persist}, track types, per-track security level) it
 * decides here.
 */
@Service
class ClearKeyLicenses {

	/** What a browser's Clear Key CDM is: software, no hardware protection. */
	static final SecurityLevel CLIENT_LEVEL = SecurityLevel.of(SecurityLevel.MIN);

	/** The prefix of a Clear Key client's id in records and the audit trail. */
	static final String CLIENT_PREFIX = "clear-key:";

	private static final Logger logger = LoggerFactory.getLogger(ClearKeyLicenses.class);

	private final EntitlementTokenVerifier tokens;

	private final DeviceAdmission admission;

	private final DirectLicenses licenses;

	private final AuditTrail audit;

	private final ClearKeyMetrics metrics;

	private final Clock clock;

	ClearKeyLicenses(EntitlementTokenVerifier tokens, DeviceAdmission admission, DirectLicenses licenses,
			AuditTrail audit, ClearKeyMetrics metrics, Clock clock) {
		this.tokens = tokens;
		this.admission = admission;
		this.licenses = licenses;
		this.audit = audit;
		this.metrics = metrics;
		this.clock = clock;
	}

	/**
	 * Answers one request.
	 * @param http the HTTP request, for its token headers
	 * @param request the license request, read once the token verified
	 * @return the license
	 * @throws ApiException (and its subclass for token refusals) for every refusal
	 */
	ClearKeyResponse answer(HttpServletRequest http, RequestReader request) {
		long started = System.nanoTime();
		ProviderPrincipal provider = null;
		String client = null;
		String status = ClearKeyMetrics.OK;
		try {
			String token = ClearKeyTokenHeader.of(http);
			if (token == null) {
				throw new ApiException(ProblemCode.CLEAR_KEY_TOKEN_MISSING,
						"Send the entitlement token in the X-Voucher-Entitlement header");
			}
			// Who asks comes before what is asked: no credential, no validation.
			EntitlementToken verified = this.tokens.verify(token);
			provider = verified.provider();
			client = clientId(verified);
			ClearKeyRequest read = request.read();
			List<KeyId> keyIds = read.keyIds();
			if (verified.namesDevice()) {
				throw new EntitlementTokenRejectedException(Reason.DEVICE_MISMATCH,
						"The entitlement token names a device (sub or gid): Clear Key takes only tokens that name none");
			}
			if (!this.admission.settings(provider.providerId()).clearKeyEnabled()) {
				throw new ApiException(ProblemCode.CLEAR_KEY_DISABLED,
						"The provider has not switched Clear Key licenses on");
			}
			KeyGrant selection = select(verified, keyIds);
			check(selection, read.sessionType());
			ClearKeyResponse response = respond(selection, read.sessionType());
			record(provider, client, selection, read.sessionType());
			return response;
		}
		catch (RuntimeException ex) {
			status = (ex instanceof ApiException api) ? api.code().name() : "ERROR";
			refused(provider, client, status);
			throw ex;
		}
		finally {
			this.metrics.record((provider != null) ? provider.providerName() : null, status,
					System.nanoTime() - started);
		}
	}

	private KeyGrant select(EntitlementToken token, List<KeyId> keyIds) {
		try {
			return this.licenses.grantKeys(token.toLicenseMessage(null), token.provider(), token.contentIds(), keyIds,
					CLIENT_LEVEL);
		}
		catch (LicenseRefusal refusal) {
			// An unknown or invalid policy: the token's policy does not let anything
			// play.
			throw new ApiException(ProblemCode.CLEAR_KEY_PLAYBACK_NOT_ALLOWED,
					"The entitlement token's policy refuses playback: " + refusal.getMessage());
		}
	}

	private static void check(KeyGrant selection, SessionType type) {
		if (!selection.policy().canPlay()) {
			throw new ApiException(ProblemCode.CLEAR_KEY_PLAYBACK_NOT_ALLOWED,
					"The entitlement token's policy does not allow playback (can_play)");
		}
		if (type == SessionType.PERSISTENT_LICENSE && !selection.policy().canPersist()) {
			throw new ApiException(ProblemCode.CLEAR_KEY_PERSISTENCE_NOT_ALLOWED,
					"The entitlement token's policy does not allow a persistent license (can_persist)");
		}
		if (selection.contentId() == null) {
			throw new EntitlementTokenRejectedException(Reason.CONTENT_NOT_ENTITLED,
					"None of the requested keys is a key of the contents the entitlement token grants");
		}
		if (selection.keys().isEmpty()) {
			throw new ApiException(ProblemCode.CLEAR_KEY_NO_KEYS_GRANTED,
					"Every requested key was withheld: its track type is not allowed, or its track needs a higher "
							+ "security level than a Clear Key client's (" + CLIENT_LEVEL.value() + ")");
		}
	}

	private static ClearKeyResponse respond(KeyGrant selection, SessionType type) {
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		List<ClearKeyResponse.Jwk> keys = selection.keys().stream().map((key) -> {
			byte[] secret = key.key().toByteArray();
			try {
				return new ClearKeyResponse.Jwk("oct", key.keyId().toBase64Url(), base64.encodeToString(secret));
			}
			finally {
				Arrays.fill(secret, (byte) 0);
			}
		}).toList();
		return new ClearKeyResponse(keys, type.value());
	}

	private void record(ProviderPrincipal provider, String client, KeyGrant selection, SessionType type) {
		Instant now = this.clock.instant();
		IssuedLicense record = IssuedLicense.builder()
			.licenseId(UUID.randomUUID().toString(), 1)
			.providerId(provider.providerId())
			.contentId(Objects.requireNonNull(selection.contentId()))
			.deviceFingerprint(client)
			.licenseType((type == SessionType.PERSISTENT_LICENSE) ? LicenseType.OFFLINE : LicenseType.STREAMING)
			.requestType(RequestType.NEW)
			.policy(selection.policyName(), selection.policyRevision(), selection.policySnapshot(), false)
			.keyIds(selection.keys()
				.stream()
				.map(ContentKey::keyId)
				.map(KeyId::toBase64Url)
				.collect(Collectors.joining(",")))
			// A Clear Key client enforces no expiry: none is recorded.
			.window(now, null)
			.build();
		this.licenses.record(record);
	}

	private void refused(@Nullable ProviderPrincipal provider, @Nullable String client, String status) {
		try {
			this.audit.append((client != null) ? ActorType.DEVICE : ActorType.ANONYMOUS,
					(client != null) ? client : "anonymous", (provider != null) ? provider.providerId() : null,
					"clearkey.refuse", null, Outcome.REFUSED, status);
		}
		catch (RuntimeException failure) {
			// The refusal is answered all the same; a trail that cannot be written must
			// be noticed.
			logger.error("Could not record a refused Clear Key request in the audit trail", failure);
		}
	}

	/**
	 * The id a Clear Key client gets in records and the audit trail: it has no device
	 * certificate, so its token stands for it. SHA-256 of the token's {@code jti}, which
	 * the provider can compute, and which keeps the id within a fingerprint's length.
	 */
	static String clientId(EntitlementToken token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.jti().getBytes(StandardCharsets.UTF_8));
			return CLIENT_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is always available", ex);
		}
	}

	/** Reads the request body once the token is known to be there. */
	@FunctionalInterface
	interface RequestReader {

		ClearKeyRequest read();

	}

}
