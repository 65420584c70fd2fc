package io.voucher.api.license;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.voucher.api.license.LicenseMessage.ContentKeySpec;
import io.voucher.api.license.LicenseResponse.LicenseMetadata;
import io.voucher.api.license.LicenseResponse.ParsedChallenge;
import io.voucher.api.license.LicenseResponse.SessionState;
import io.voucher.api.license.LicenseResponse.SupportedTrack;
import io.voucher.api.metrics.CryptoTimers;
import io.voucher.api.metrics.CryptoTimers.Operation;
import io.voucher.api.security.ProviderPrincipal;
import io.voucher.crypto.CompactJws;
import io.voucher.crypto.challenge.Challenge;
import io.voucher.crypto.challenge.ChallengeRejectedException;
import io.voucher.crypto.challenge.ChallengeVerifier;
import io.voucher.crypto.challenge.RequestType;
import io.voucher.crypto.challenge.VerifiedChallenge;
import io.voucher.crypto.group.GroupPublicKey;
import io.voucher.crypto.keys.SecretBytes;
import io.voucher.crypto.pki.DeviceCertificate;
import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.SecurityLevel;
import io.voucher.crypto.voucher.ContentKey;
import io.voucher.crypto.voucher.IssuedVoucher;
import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.LicenseSpec;
import io.voucher.crypto.voucher.Recipient;
import io.voucher.crypto.voucher.TrackType;
import io.voucher.crypto.voucher.VoucherIssuer;
import io.voucher.domain.audit.AuditEvent.ActorType;
import io.voucher.domain.audit.AuditEvent.Outcome;
import io.voucher.domain.audit.AuditTrail;
import io.voucher.domain.content.ContentId;
import io.voucher.domain.content.ContentKeyMaterial;
import io.voucher.domain.content.ContentNotFoundException;
import io.voucher.domain.content.ContentService;
import io.voucher.domain.content.InvalidContentException;
import io.voucher.domain.group.DeviceGroup;
import io.voucher.domain.group.GroupException;
import io.voucher.domain.group.GroupService;
import io.voucher.domain.license.ChallengeNonces;
import io.voucher.domain.license.IssuedLicense;
import io.voucher.domain.license.IssuedLicenseRepository;
import io.voucher.domain.license.ReplayedChallengeException;
import io.voucher.domain.license.plan.KeySelection;
import io.voucher.domain.license.plan.KeySpec;
import io.voucher.domain.license.plan.LicensePlan;
import io.voucher.domain.license.plan.LicensePlanner;
import io.voucher.domain.license.plan.LicenseTarget;
import io.voucher.domain.license.plan.PlanRefusal;
import io.voucher.domain.license.plan.PlanRefusedException;
import io.voucher.domain.license.plan.PlanRequest;
import io.voucher.domain.policy.InvalidPolicyException;
import io.voucher.domain.policy.PlaybackPolicy;
import io.voucher.domain.policy.Policy;
import io.voucher.domain.policy.PolicyName;
import io.voucher.domain.policy.PolicyNotFoundException;
import io.voucher.domain.policy.PolicyOverrides;
import io.voucher.domain.policy.PolicyService;
import io.voucher.registry.admission.DeviceAdmission;
import io.voucher.registry.admission.DeviceRefusedException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Answers license messages with the license template's semantics: verify the device's
 * challenge, resolve the policy (stored policy overlaid with overrides, or overrides
 * alone), pick the keys (track types, key specs, the device's security level), bind them
 * to the device, sign, record, answer. A refusal issues and stores nothing.
 */
@Service
class OnlineLicenseService {

	/** The timer of answered license messages (count and latency). */
	static final String REQUESTS_METRIC = "voucher.license.requests";

	private final ChallengeVerifier challenges;

	private final VoucherIssuer issuer;

	private final DeviceAdmission admission;

	private final ContentService contents;

	private final PolicyService policies;

	private final GroupService groups;

	private final ChallengeNonces nonces;

	private final IssuedLicenseRepository licenses;

	private final TransactionTemplate transaction;

	private final TransactionTemplate reads;

	private final JsonMapper json;

	private final LicenseProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	/** The request timers, registered once per provider, request type and status. */
	private final ConcurrentMap<RequestTags, Timer> requestTimers = new ConcurrentHashMap<>();

	private final CryptoTimers crypto;

	private final AuditTrail audit;

	OnlineLicenseService(ChallengeVerifier challenges, VoucherIssuer issuer, DeviceAdmission admission,
			ContentService contents, PolicyService policies, GroupService groups, ChallengeNonces nonces,
			IssuedLicenseRepository licenses, TransactionTemplate transaction, JsonMapper json,
			LicenseProperties properties, Clock clock, MeterRegistry meters, CryptoTimers crypto, AuditTrail audit) {
		this.crypto = crypto;
		this.audit = audit;
		this.challenges = challenges;
		this.issuer = issuer;
		this.admission = admission;
		this.contents = contents;
		this.policies = policies;
		this.groups = groups;
		this.nonces = nonces;
		this.licenses = licenses;
		this.transaction = transaction;
		this.reads = new TransactionTemplate(Objects.requireNonNull(transaction.getTransactionManager()));
		this.reads.setReadOnly(true);
		this.json = json;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
	}

	LicenseResponse handle(LicenseMessage message, ProviderPrincipal provider) {
		return handle(message, provider, LicenseGate.OPEN);
	}

	LicenseResponse handle(LicenseMessage message, ProviderPrincipal provider, LicenseGate gate) {
		Timer.Sample sample = Timer.start(this.meters);
		ReadRequestType requestType = new ReadRequestType();
		LicenseResponse response;
		try {
			response = answer(message, provider, gate, requestType);
		}
		catch (LicenseRefusal refusal) {
			response = refusal.response();
			this.audit.append(ActorType.PROVIDER, provider.providerName(), provider.providerId(), "license.refuse",
					null, Outcome.REFUSED, response.status().name());
		}
		sample.stop(requestTimer(new RequestTags(provider.providerName(), requestType.name, response.status())));
		return response;
	}

	private Timer requestTimer(RequestTags tags) {
		Timer timer = this.requestTimers.get(tags);
		return (timer != null) ? timer
				: this.requestTimers.computeIfAbsent(tags,
						(key) -> Timer.builder(REQUESTS_METRIC)
							.description("License messages answered, by provider, request type and status")
							.tag("provider", key.provider())
							.tag("request_type", key.requestType())
							.tag("status", key.status().name())
							.publishPercentileHistogram()
							.minimumExpectedValue(Duration.ofNanos(500_000))
							.maximumExpectedValue(Duration.ofSeconds(10))
							.register(this.meters));
	}

	private LicenseResponse answer(LicenseMessage message, ProviderPrincipal provider, LicenseGate gate,
			ReadRequestType requestType) {
		if (message.payload() == null || message.payload().isBlank()) {
			throw new LicenseRefusal(LicenseStatus.MALFORMED_REQUEST, "payload is required");
		}
		if (message.allowedTrackTypes() != null && message.contentKeySpecs() != null) {
			throw new LicenseRefusal(LicenseStatus.MALFORMED_REQUEST,
					"Give allowed_track_types or content_key_specs, not both");
		}
		VerifiedChallenge verified = verify(message.payload());
		requestType.name = verified.challenge().requestType().name();
		gate.admit(verified);
		DeviceCertificate device = verified.device();
		Challenge challenge = verified.challenge();
		try {
			this.admission.check(provider.providerId(), device);
		}
		catch (DeviceRefusedException ex) {
			LicenseStatus status = switch (ex.reason()) {
				case REVOKED, BLOCKED -> LicenseStatus.DRM_DEVICE_CERTIFICATE_REVOKED;
				case ROOT_NOT_ADMITTED, SECURITY_LEVEL_TOO_LOW -> LicenseStatus.DEVICE_NOT_ADMITTED;
				case PROVIDER_DISABLED -> LicenseStatus.PROVIDER_DISABLED;
			};
			throw new LicenseRefusal(status, ex.getMessage());
		}
		checkContentId(message.contentId(), challenge.contentId());
		if (Boolean.TRUE.equals(message.parseOnly())) {
			return parsed(verified);
		}
		// The reads a license is made from share one read-only transaction; the
		// cryptography runs after it, holding no connection.
		Lookups lookups = Objects.requireNonNull(this.reads.execute((status) -> {
			Optional<IssuedLicense> previous = previousLicense(challenge, provider, device);
			if (challenge.requestType() == RequestType.RELEASE) {
				return new Lookups(previous, null, null, null);
			}
			return plan(message, provider, challenge, device, previous);
		}));
		LicensePlan plan = lookups.plan();
		if (challenge.requestType() == RequestType.RELEASE || plan == null) {
			return release(verified, provider, lookups.previous().orElseThrow(), gate);
		}
		return issue(message, provider, verified, lookups, gate);
	}

	/**
	 * What a license is made from, read in one transaction; no plan for a release.
	 *
	 * @param previous the license renewed or released
	 * @param stored the stored policy named, if any
	 * @param plan the license the planner decided
	 * @param recipient the key the license's content keys are wrapped to
	 */
	private record Lookups(Optional<IssuedLicense> previous, @Nullable Policy stored, @Nullable LicensePlan plan,
			@Nullable Recipient recipient) {
	}

	/**
	 * Reads what the license message and challenge name (the stored policy, the keys, the
	 * group) and lets the license planner decide the license.
	 */
	private Lookups plan(LicenseMessage message, ProviderPrincipal provider, Challenge challenge,
			DeviceCertificate device, Optional<IssuedLicense> previous) {
		boolean exclusive = Boolean.TRUE.equals(message.usePolicyOverridesExclusively());
		Policy stored = storedPolicy(message, provider, exclusive);
		PolicyOverrides overrides = (message.policyOverrides() != null) ? message.policyOverrides().toOverrides()
				: PolicyOverrides.NONE;
		KeySelection selection = (message.contentKeySpecs() != null) ? specs(message.contentKeySpecs()) : KeySelection
			.tracks(((message.allowedTrackTypes() != null) ? message.allowedTrackTypes() : AllowedTrackTypes.SD_ONLY)
				.tracks(), challenge.keyIds());
		ContentId contentId;
		try {
			contentId = new ContentId(challenge.contentId());
		}
		catch (InvalidContentException ex) {
			throw new LicenseRefusal(LicenseStatus.CONTENT_KEY_UNKNOWN, "The challenge's content id is not valid");
		}
		List<ContentKeyMaterial> active = List.of();
		if (selection.needsActiveKeys()) {
			try {
				active = this.contents.activeKeys(provider.providerId(), contentId);
			}
			catch (ContentNotFoundException ex) {
				throw new LicenseRefusal(LicenseStatus.CONTENT_KEY_UNKNOWN, "No content '" + contentId + "'");
			}
		}
		Map<KeyId, ContentKeyMaterial> named = new HashMap<>();
		for (KeyId keyId : selection.namedKeyIds()) {
			this.contents.key(provider.providerId(), contentId, keyId).ifPresent((key) -> named.put(keyId, key));
		}
		Recipient recipient;
		LicenseTarget target;
		if (challenge.groupId() == null) {
			recipient = Recipient.device(device);
			target = LicenseTarget.device(device.fingerprint(), device.securityLevel());
		}
		else {
			GroupPublicKey key = groupKey(challenge.groupId(), provider, device);
			recipient = Recipient.group(key);
			target = LicenseTarget.group(key.groupId(), key.generation(), device.securityLevel());
		}
		PlanRequest request = PlanRequest.builder()
			.storedPolicy((stored != null) ? stored.settings() : null,
					(stored != null) ? stored.trackRequirements() : Map.of())
			.overrides(overrides, exclusive)
			.activeKeys(active)
			.namedKeys(named)
			.selection(selection)
			.target(target)
			.build();
		try {
			return new Lookups(previous, stored, LicensePlanner.plan(request), recipient);
		}
		catch (PlanRefusedException ex) {
			LicenseStatus status = switch (ex.reason()) {
				case INVALID_POLICY -> LicenseStatus.INVALID_POLICY;
				case MALFORMED_SELECTION -> LicenseStatus.MALFORMED_REQUEST;
				case CONTENT_KEY_UNKNOWN, NO_KEY_FOR_TRACKS -> LicenseStatus.CONTENT_KEY_UNKNOWN;
				case INSUFFICIENT_SECURITY_LEVEL -> LicenseStatus.INSUFFICIENT_SECURITY_LEVEL;
			};
			throw new LicenseRefusal(status, ex.getMessage());
		}
	}

	private VerifiedChallenge verify(String payload) {
		String compact;
		try {
			compact = CompactJws.parse(payload);
		}
		catch (IllegalArgumentException ex) {
			throw new LicenseRefusal(LicenseStatus.INVALID_LICENSE_CHALLENGE, "payload: " + ex.getMessage());
		}
		try {
			String jws = compact;
			return this.crypto.time(Operation.VERIFY_CHALLENGE, () -> this.challenges.verify(jws));
		}
		catch (ChallengeRejectedException ex) {
			LicenseStatus status = switch (ex.reason()) {
				case BAD_SIGNATURE -> LicenseStatus.SIGNATURE_FAILED;
				case CERTIFICATE_REJECTED, MISSING_CERTIFICATE_CHAIN -> LicenseStatus.INVALID_DEVICE_CERTIFICATE;
				default -> LicenseStatus.INVALID_LICENSE_CHALLENGE;
			};
			throw new LicenseRefusal(status, "The license challenge was refused: " + ex.getMessage(), ex.code());
		}
	}

	private static void checkContentId(@Nullable String base64ContentId, String challengeContentId) {
		if (base64ContentId == null) {
			return;
		}
		String contentId;
		try {
			contentId = new String(Base64.getDecoder().decode(base64ContentId), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new LicenseRefusal(LicenseStatus.MALFORMED_REQUEST, "content_id is not valid base64");
		}
		if (!contentId.equals(challengeContentId)) {
			throw new LicenseRefusal(LicenseStatus.CONTENT_ID_MISMATCH,
					"content_id does not match the challenge's content id");
		}
	}

	private LicenseResponse parsed(VerifiedChallenge verified) {
		Challenge challenge = verified.challenge();
		DeviceCertificate device = verified.device();
		ParsedChallenge parsed = new ParsedChallenge(device.fingerprint().value(), challenge.contentId(),
				challenge.keyIds().stream().map(OnlineLicenseService::base64).toList(), challenge.licenseType().name(),
				challenge.requestType().name(), challenge.licenseId());
		return new LicenseResponse(LicenseStatus.OK, "Challenge parsed; nothing issued", null, metadata(challenge),
				null, null, device.make(), device.model(), device.securityLevel().value(), null, parsed, null);
	}

	private Optional<IssuedLicense> previousLicense(Challenge challenge, ProviderPrincipal provider,
			DeviceCertificate device) {
		if (challenge.requestType() == RequestType.NEW) {
			return Optional.empty();
		}
		if (challenge.licenseId() == null) {
			throw new LicenseRefusal(LicenseStatus.INVALID_LICENSE_CHALLENGE,
					"A renewal or release challenge must name its license id");
		}
		IssuedLicense previous = this.licenses
			.findFirstByProviderIdAndLicenseIdOrderByLicenseCounterDesc(provider.providerId(), challenge.licenseId())
			.filter((license) -> license.deviceFingerprint().equals(device.fingerprint().value()))
			.orElseThrow(() -> new LicenseRefusal(LicenseStatus.LICENSE_UNKNOWN,
					"No license " + challenge.licenseId() + " of this device"));
		if (previous.requestType() == RequestType.RELEASE) {
			throw new LicenseRefusal(LicenseStatus.LICENSE_UNKNOWN, "The license was released");
		}
		if (challenge.requestType() == RequestType.RENEWAL) {
			if (!previous.canRenew()) {
				throw new LicenseRefusal(LicenseStatus.RENEWAL_NOT_ALLOWED,
						"The license's policy does not allow renewal");
			}
			if (previous.sessionToken() != null && !previous.sessionToken().equals(challenge.sessionToken())) {
				throw new LicenseRefusal(LicenseStatus.RENEWAL_NOT_ALLOWED,
						"The renewal's session token does not match the license's");
			}
		}
		return Optional.of(previous);
	}

	private LicenseResponse release(VerifiedChallenge verified, ProviderPrincipal provider, IssuedLicense previous,
			LicenseGate gate) {
		Challenge challenge = verified.challenge();
		IssuedLicense record = IssuedLicense.builder()
			.licenseId(previous.licenseId(), previous.licenseCounter() + 1)
			.providerId(provider.providerId())
			.contentId(previous.contentId())
			.deviceFingerprint(previous.deviceFingerprint())
			.licenseType(previous.licenseType())
			.requestType(RequestType.RELEASE)
			.policy(previous.policyName(), previous.policyRevision(), previous.policySnapshot(), false)
			.sessionToken(previous.sessionToken())
			.window(this.clock.instant(), null)
			.build();
		record(challenge, record, gate);
		DeviceCertificate device = verified.device();
		return new LicenseResponse(LicenseStatus.OK, "License released", null, metadata(challenge), null,
				new SessionState(record.licenseId(), record.licenseCounter()), device.make(), device.model(),
				device.securityLevel().value(), null, null, null);
	}

	private @Nullable Policy storedPolicy(LicenseMessage message, ProviderPrincipal provider, boolean exclusive) {
		if (message.policyName() == null || exclusive) {
			return null;
		}
		try {
			return this.policies.get(provider.providerId(), new PolicyName(message.policyName()));
		}
		catch (PolicyNotFoundException | InvalidPolicyException ex) {
			throw new LicenseRefusal(LicenseStatus.POLICY_UNKNOWN, "No policy named '" + message.policyName() + "'");
		}
	}

	/** The message's key specs, parsed; what they mean is the planner's to decide. */
	private static KeySelection specs(List<ContentKeySpec> specs) {
		List<KeySpec> parsed = new ArrayList<>(specs.size());
		for (int i = 0; i < specs.size(); i++) {
			ContentKeySpec spec = specs.get(i);
			String field = "content_key_specs[" + i + "]";
			TrackType track = (spec.trackType() != null) ? trackType(field, spec.trackType()) : null;
			KeyId keyId = (spec.keyId() != null) ? new KeyId(bytes16(field + ".key_id", spec.keyId())) : null;
			SecretBytes injected = (spec.key() != null) ? SecretBytes.copyOf(bytes16(field + ".key", spec.key()))
					: null;
			SecurityLevel level = (spec.securityLevel() != null) ? securityLevel(field, spec.securityLevel()) : null;
			HdcpVersion hdcp = (spec.requiredOutputProtection() != null
					&& spec.requiredOutputProtection().hdcp() != null) ? hdcp(field, spec.requiredOutputProtection())
							: null;
			parsed.add(new KeySpec(track, keyId, injected, level, hdcp));
		}
		return KeySelection.specs(parsed);
	}

	private LicenseResponse issue(LicenseMessage message, ProviderPrincipal provider, VerifiedChallenge verified,
			Lookups lookups, LicenseGate gate) {
		Challenge challenge = verified.challenge();
		DeviceCertificate device = verified.device();
		LicensePlan plan = Objects.requireNonNull(lookups.plan());
		Optional<IssuedLicense> previous = lookups.previous();
		Policy stored = lookups.stored();
		Instant now = this.clock.instant();
		String licenseId = previous.map(IssuedLicense::licenseId).orElseGet(() -> UUID.randomUUID().toString());
		int counter = previous.map((license) -> license.licenseCounter() + 1).orElse(1);
		String sessionToken = sessionToken(message, previous);
		String clientToken = clientToken(message, challenge);
		Map<String, String> sessionTokens = new LinkedHashMap<>();
		if (sessionToken != null) {
			sessionTokens.put("provider_session_token", sessionToken);
		}
		if (clientToken != null) {
			sessionTokens.put("provider_client_token", clientToken);
		}
		LicenseSpec spec = plan.toSpec(licenseId, challenge.contentId(), provider.providerName(),
				challenge.licenseType(), now, sessionTokens);
		Recipient recipient = Objects.requireNonNull(lookups.recipient());
		IssuedVoucher voucher = this.crypto.time(Operation.ISSUE_LICENSE, () -> this.issuer.issue(spec, recipient));
		List<ContentKey> keys = plan.keys();
		IssuedLicense record = IssuedLicense.builder()
			.licenseId(licenseId, counter)
			.providerId(provider.providerId())
			.contentId(challenge.contentId())
			.deviceFingerprint(device.fingerprint().value())
			.licenseType(challenge.licenseType())
			.requestType(challenge.requestType())
			.policy((stored != null) ? stored.name() : null, (stored != null) ? stored.revision() : null,
					this.json.writeValueAsString(spec.terms().policy().toClaims()), plan.settings().canRenew())
			.sessionToken(sessionToken)
			.keyIds(keys.stream().map((key) -> key.keyId().toBase64Url()).collect(Collectors.joining(",")))
			.window(now, plan.expiresAt(now))
			.build();
		record(challenge, record, gate);
		List<SupportedTrack> tracks = keys.stream()
			.map((key) -> new SupportedTrack(key.grant().trackType().name(), base64(key.keyId()),
					key.grant().requiredSecurityLevel().value(), key.grant().requiredHdcp().name()))
			.toList();
		return new LicenseResponse(LicenseStatus.OK, "License issued",
				Base64.getEncoder().encodeToString(voucher.compact().getBytes(StandardCharsets.US_ASCII)),
				metadata(challenge), tracks, new SessionState(licenseId, counter), device.make(), device.model(),
				device.securityLevel().value(), clientToken, null, null);
	}

	/**
	 * The current key of the group the challenge asks for, when the device is one of its
	 * members: the license is bound to that key generation.
	 */
	private GroupPublicKey groupKey(String groupId, ProviderPrincipal provider, DeviceCertificate device) {
		DeviceGroup group;
		try {
			group = this.groups.get(provider.providerId(), groupId);
		}
		catch (GroupException ex) {
			throw new LicenseRefusal(LicenseStatus.NOT_A_GROUP_MEMBER, "No device group " + groupId);
		}
		if (!this.groups.isMember(group, device.fingerprint().value())) {
			throw new LicenseRefusal(LicenseStatus.NOT_A_GROUP_MEMBER,
					"The device is not a member of group " + groupId);
		}
		return this.groups.currentPublicKey(group);
	}

	/**
	 * Claims the challenge's nonce (and what the gate makes single-use) and records the
	 * answer in one transaction: a replayed challenge records nothing, and a recorded
	 * answer always had a fresh challenge.
	 */
	private void record(Challenge challenge, IssuedLicense record, LicenseGate gate) {
		Instant keepUntil = challenge.issuedAt().plus(this.properties.challengeMaxSkew()).plusSeconds(60);
		try {
			record(record, () -> {
				gate.claim();
				this.nonces.claim(challenge.nonce(), keepUntil);
			});
		}
		catch (ReplayedChallengeException ex) {
			throw new LicenseRefusal(LicenseStatus.CHALLENGE_REPLAYED, "The challenge was used before");
		}
		catch (DataIntegrityViolationException ex) {
			throw new LicenseRefusal(LicenseStatus.RENEWAL_NOT_ALLOWED,
					"Another renewal or release of license " + record.licenseId() + " was answered first");
		}
	}

	/**
	 * Records one license answer and its audit event in one transaction, after the
	 * caller's claims (nonces, single-use tokens) in that same transaction.
	 * @param record the answer
	 * @param claims what must be used up with it; its exceptions roll back and propagate
	 */
	void record(IssuedLicense record, Runnable claims) {
		this.transaction.executeWithoutResult((status) -> {
			claims.run();
			this.licenses.saveAndFlush(record);
			this.audit.append(ActorType.DEVICE, record.deviceFingerprint(), record.providerId(),
					"license." + record.requestType().name().toLowerCase(java.util.Locale.ROOT),
					record.licenseId() + "#" + record.licenseCounter(), Outcome.SUCCESS, record.contentId());
		});
	}

	/**
	 * Resolves the policy of a license message and lets the license planner pick, among
	 * the requested keys of a content, those its track types and per-track security
	 * levels let a client of the given level have; requested keys the content does not
	 * have are left out rather than refused. For clients that are not Voucher devices
	 * (W3C Clear Key).
	 * @param message the policy part of a license message (name, overrides, exclusive,
	 * allowed track types)
	 * @param provider the provider
	 * @param contentIds the contents whose keys may be granted, in order: the first that
	 * has any requested key is the one granted from
	 * @param keyIds the requested key ids
	 * @param clientLevel the client's security level
	 * @return the resolved policy and what may be granted
	 * @throws LicenseRefusal for an unknown or invalid policy
	 */
	KeyGrant grantKeys(LicenseMessage message, ProviderPrincipal provider, List<String> contentIds, List<KeyId> keyIds,
			SecurityLevel clientLevel) {
		return Objects.requireNonNull(this.reads.execute((status) -> {
			boolean exclusive = Boolean.TRUE.equals(message.usePolicyOverridesExclusively());
			Policy stored = storedPolicy(message, provider, exclusive);
			PolicyOverrides overrides = (message.policyOverrides() != null) ? message.policyOverrides().toOverrides()
					: PolicyOverrides.NONE;
			PlaybackPolicy settings;
			try {
				settings = PlaybackPolicy.resolve((stored != null) ? stored.settings() : null, overrides, exclusive);
			}
			catch (InvalidPolicyException ex) {
				throw new LicenseRefusal(LicenseStatus.INVALID_POLICY, ex.getMessage());
			}
			String name = (stored != null) ? stored.name() : null;
			Long revision = (stored != null) ? stored.revision() : null;
			String snapshot = this.json.writeValueAsString(settings.toLicensePolicy().toClaims());
			for (String id : contentIds) {
				ContentId contentId;
				try {
					contentId = new ContentId(id);
				}
				catch (InvalidContentException ex) {
					continue;
				}
				Map<KeyId, ContentKeyMaterial> known = new LinkedHashMap<>();
				for (KeyId keyId : keyIds) {
					this.contents.key(provider.providerId(), contentId, keyId)
						.ifPresent((key) -> known.put(keyId, key));
				}
				if (known.isEmpty()) {
					continue;
				}
				PlanRequest request = PlanRequest.builder()
					.storedPolicy((stored != null) ? stored.settings() : null,
							(stored != null) ? stored.trackRequirements() : Map.of())
					.overrides(overrides, exclusive)
					.namedKeys(known)
					.selection(KeySelection.tracks(((message.allowedTrackTypes() != null) ? message.allowedTrackTypes()
							: AllowedTrackTypes.SD_ONLY)
						.tracks(), List.copyOf(known.keySet())))
					.target(LicenseTarget.unbound(clientLevel))
					.build();
				List<ContentKey> granted;
				try {
					granted = LicensePlanner.plan(request).keys();
				}
				catch (PlanRefusedException ex) {
					if (ex.reason() == PlanRefusal.INVALID_POLICY) {
						throw new LicenseRefusal(LicenseStatus.INVALID_POLICY, ex.getMessage());
					}
					granted = List.of();
				}
				return new KeyGrant(settings, name, revision, snapshot, id, known.size(), granted);
			}
			return new KeyGrant(settings, name, revision, snapshot, null, 0, List.of());
		}));
	}

	private static @Nullable String sessionToken(LicenseMessage message, Optional<IssuedLicense> previous) {
		if (previous.isPresent()) {
			return previous.get().sessionToken();
		}
		return (message.sessionInit() != null) ? message.sessionInit().providerSessionToken() : null;
	}

	private static @Nullable String clientToken(LicenseMessage message, Challenge challenge) {
		String provided = (message.sessionInit() != null) ? message.sessionInit().providerClientToken() : null;
		boolean override = message.sessionInit() != null
				&& Boolean.TRUE.equals(message.sessionInit().overrideProviderClientToken());
		if (override || challenge.clientToken() == null) {
			return provided;
		}
		return challenge.clientToken();
	}

	private static LicenseMetadata metadata(Challenge challenge) {
		return new LicenseMetadata(
				Base64.getEncoder().encodeToString(challenge.contentId().getBytes(StandardCharsets.UTF_8)),
				challenge.licenseType().name(), challenge.requestType().name());
	}

	private static TrackType trackType(String field, String value) {
		try {
			return TrackType.valueOf(value.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new LicenseRefusal(LicenseStatus.MALFORMED_REQUEST,
					field + ".track_type must be one of AUDIO, SD, HD, UHD1, UHD2");
		}
	}

	private static SecurityLevel securityLevel(String field, @Nullable Integer level) {
		if (level == null) {
			return SecurityLevel.of(SecurityLevel.MIN);
		}
		if (level < SecurityLevel.MIN || level > SecurityLevel.MAX) {
			throw new LicenseRefusal(LicenseStatus.MALFORMED_REQUEST, field + ".security_level must be 1 to 5");
		}
		return SecurityLevel.of(level);
	}

	private static HdcpVersion hdcp(String field, LicenseMessage.@Nullable OutputProtection protection) {
		if (protection == null || protection.hdcp() == null) {
			return HdcpVersion.HDCP_NONE;
		}
		try {
			return HdcpVersion.valueOf(protection.hdcp());
		}
		catch (IllegalArgumentException ex) {
			throw new LicenseRefusal(LicenseStatus.MALFORMED_REQUEST,
					field + ".required_output_protection.hdcp must be HDCP_NONE, HDCP_V1 or HDCP_V2");
		}
	}

	private static byte[] bytes16(String field, String base64) {
		byte[] bytes;
		try {
			bytes = Base64.getMimeDecoder().decode(base64.replace('-', '+').replace('_', '/'));
		}
		catch (IllegalArgumentException ex) {
			throw new LicenseRefusal(LicenseStatus.MALFORMED_REQUEST, field + " is not valid base64");
		}
		if (bytes.length != 16) {
			throw new LicenseRefusal(LicenseStatus.MALFORMED_REQUEST, field + " must be 16 bytes");
		}
		return bytes;
	}

	private static String base64(KeyId keyId) {
		return Base64.getEncoder().encodeToString(keyId.bytes());
	}

	/**
	 * The request type of the challenge, once verified: refusals after that point are
	 * counted under it too; those before, under {@code UNKNOWN}.
	 */
	private static final class ReadRequestType {

		private String name = "UNKNOWN";

	}

	/** The tags of a request timer: a provider, a request type, a status. */
	private record RequestTags(String provider, String requestType, LicenseStatus status) {
	}

}
