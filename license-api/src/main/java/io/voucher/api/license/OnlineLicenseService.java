package io.voucher.api.license;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
import io.voucher.crypto.keys.SecretBytes;
import io.voucher.crypto.pki.DeviceCertificate;
import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.SecurityLevel;
import io.voucher.crypto.voucher.ContentKey;
import io.voucher.crypto.voucher.IssuedVoucher;
import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.LicensePolicy;
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
import io.voucher.domain.policy.InvalidPolicyException;
import io.voucher.domain.policy.PlaybackPolicy;
import io.voucher.domain.policy.Policy;
import io.voucher.domain.policy.PolicyName;
import io.voucher.domain.policy.PolicyNotFoundException;
import io.voucher.domain.policy.PolicyOverrides;
import io.voucher.domain.policy.PolicyService;
import io.voucher.domain.policy.TrackRequirement;
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
				return new Lookups(previous, null, List.of());
			}
			ResolvedPolicy policy = resolvePolicy(message, provider);
			return new Lookups(previous, policy, selectKeys(message, provider, challenge, device, policy.tracks()));
		}));
		ResolvedPolicy policy = lookups.policy();
		if (challenge.requestType() == RequestType.RELEASE || policy == null) {
			return release(verified, provider, lookups.previous().orElseThrow(), gate);
		}
		return issue(message, provider, verified, policy, lookups.keys(), lookups.previous(), gate);
	}

	/** What a license is made from, read in one transaction; no policy for a release. */
	private record Lookups(Optional<IssuedLicense> previous, @Nullable ResolvedPolicy policy, List<ContentKey> keys) {
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

	private ResolvedPolicy resolvePolicy(LicenseMessage message, ProviderPrincipal provider) {
		boolean exclusive = Boolean.TRUE.equals(message.usePolicyOverridesExclusively());
		Policy stored = null;
		if (message.policyName() != null && !exclusive) {
			try {
				stored = this.policies.get(provider.providerId(), new PolicyName(message.policyName()));
			}
			catch (PolicyNotFoundException | InvalidPolicyException ex) {
				throw new LicenseRefusal(LicenseStatus.POLICY_UNKNOWN,
						"No policy named '" + message.policyName() + "'");
			}
		}
		PolicyOverrides overrides = (message.policyOverrides() != null) ? message.policyOverrides().toOverrides()
				: PolicyOverrides.NONE;
		try {
			PlaybackPolicy resolved = PlaybackPolicy.resolve((stored != null) ? stored.settings() : null, overrides,
					exclusive);
			return new ResolvedPolicy(resolved, (stored != null) ? stored.name() : null,
					(stored != null) ? stored.revision() : null,
					(stored != null) ? stored.trackRequirements() : Map.of());
		}
		catch (InvalidPolicyException ex) {
			throw new LicenseRefusal(LicenseStatus.INVALID_POLICY, ex.getMessage());
		}
	}

	private List<ContentKey> selectKeys(LicenseMessage message, ProviderPrincipal provider, Challenge challenge,
			DeviceCertificate device, Map<TrackType, TrackRequirement> policyTracks) {
		ContentId contentId;
		try {
			contentId = new ContentId(challenge.contentId());
		}
		catch (InvalidContentException ex) {
			throw new LicenseRefusal(LicenseStatus.CONTENT_KEY_UNKNOWN, "The challenge's content id is not valid");
		}
		List<RequestedKey> requested = (message.contentKeySpecs() != null)
				? fromSpecs(message.contentKeySpecs(), provider, contentId, policyTracks)
				: fromTrackTypes(message.allowedTrackTypes(), provider, contentId, challenge.keyIds(), policyTracks);
		if (requested.isEmpty()) {
			throw new LicenseRefusal(LicenseStatus.CONTENT_KEY_UNKNOWN, "No key for the requested tracks");
		}
		SecurityLevel deviceLevel = device.securityLevel();
		List<ContentKey> granted = grantable(requested, deviceLevel);
		if (granted.isEmpty()) {
			throw new LicenseRefusal(LicenseStatus.INSUFFICIENT_SECURITY_LEVEL,
					"The device's security level " + deviceLevel.value() + " is below every requested track's");
		}
		return granted;
	}

	/** The requested keys a client of that security level may have. */
	private static List<ContentKey> grantable(List<RequestedKey> requested, SecurityLevel clientLevel) {
		List<ContentKey> granted = new ArrayList<>();
		for (RequestedKey key : requested) {
			if (clientLevel.satisfies(key.securityLevel())) {
				granted.add(ContentKey.of(key.material().keyId(), key.material().trackType(), key.securityLevel(),
						key.hdcp(), key.material().key()));
			}
		}
		return granted;
	}

	/**
	 * Resolves the policy of a license message and picks, among the requested keys of a
	 * content, those its track types and per-track security levels let a client of the
	 * given level have, with the online path's rules; requested keys the content does not
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
	KeySelection grantKeys(LicenseMessage message, ProviderPrincipal provider, List<String> contentIds,
			List<KeyId> keyIds, SecurityLevel clientLevel) {
		return Objects.requireNonNull(this.reads.execute((status) -> {
			ResolvedPolicy policy = resolvePolicy(message, provider);
			for (String id : contentIds) {
				ContentId contentId;
				try {
					contentId = new ContentId(id);
				}
				catch (InvalidContentException ex) {
					continue;
				}
				List<ContentKeyMaterial> known = new ArrayList<>();
				for (KeyId keyId : keyIds) {
					this.contents.key(provider.providerId(), contentId, keyId).ifPresent(known::add);
				}
				if (!known.isEmpty()) {
					List<ContentKey> granted = grantable(
							requirements(message.allowedTrackTypes(), known, policy.tracks()), clientLevel);
					return new KeySelection(policy.settings(), policy.name(), policy.revision(),
							snapshot(policy.settings()), id, known.size(), granted);
				}
			}
			return new KeySelection(policy.settings(), policy.name(), policy.revision(), snapshot(policy.settings()),
					null, 0, List.of());
		}));
	}

	private List<RequestedKey> fromTrackTypes(@Nullable AllowedTrackTypes allowed, ProviderPrincipal provider,
			ContentId contentId, List<KeyId> requestedKeyIds, Map<TrackType, TrackRequirement> policyTracks) {
		List<ContentKeyMaterial> materials;
		if (requestedKeyIds.isEmpty()) {
			try {
				materials = this.contents.activeKeys(provider.providerId(), contentId);
			}
			catch (ContentNotFoundException ex) {
				throw new LicenseRefusal(LicenseStatus.CONTENT_KEY_UNKNOWN, "No content '" + contentId + "'");
			}
		}
		else {
			materials = new ArrayList<>();
			for (KeyId keyId : requestedKeyIds) {
				materials.add(this.contents.key(provider.providerId(), contentId, keyId)
					.orElseThrow(() -> new LicenseRefusal(LicenseStatus.CONTENT_KEY_UNKNOWN,
							"No key " + base64(keyId) + " for content '" + contentId + "'")));
			}
		}
		return requirements(allowed, materials, policyTracks);
	}

	/**
	 * The keys of the allowed track types, each with its track's requirements in the
	 * policy.
	 */
	private static List<RequestedKey> requirements(@Nullable AllowedTrackTypes allowed,
			List<ContentKeyMaterial> materials, Map<TrackType, TrackRequirement> policyTracks) {
		Set<TrackType> tracks = ((allowed != null) ? allowed : AllowedTrackTypes.SD_ONLY).tracks();
		return materials.stream().filter((material) -> tracks.contains(material.trackType())).map((material) -> {
			TrackRequirement requirement = policyTracks.getOrDefault(material.trackType(), TrackRequirement.NONE);
			return new RequestedKey(material, requirement.securityLevel(), requirement.requiredHdcp());
		}).toList();
	}

	private List<RequestedKey> fromSpecs(List<ContentKeySpec> specs, ProviderPrincipal provider, ContentId contentId,
			Map<TrackType, TrackRequirement> policyTracks) {
		List<RequestedKey> requested = new ArrayList<>();
		Set<TrackType> seen = EnumSet.noneOf(TrackType.class);
		for (int i = 0; i < specs.size(); i++) {
			ContentKeySpec spec = specs.get(i);
			String field = "content_key_specs[" + i + "]";
			TrackType track = (spec.trackType() != null) ? trackType(field, spec.trackType()) : null;
			KeyId keyId = (spec.keyId() != null) ? new KeyId(bytes16(field + ".key_id", spec.keyId())) : null;
			if (track == null && keyId == null) {
				throw new LicenseRefusal(LicenseStatus.MALFORMED_REQUEST, field + " needs track_type or key_id");
			}
			ContentKeyMaterial material;
			if (spec.key() != null) {
				if (track == null) {
					throw new LicenseRefusal(LicenseStatus.MALFORMED_REQUEST,
							field + " injects a key: track_type is required");
				}
				KeyId id = (keyId != null) ? keyId : storedKeyIdOf(provider, contentId, track);
				material = new ContentKeyMaterial(track, id, SecretBytes.copyOf(bytes16(field + ".key", spec.key())));
			}
			else if (keyId != null) {
				material = this.contents.key(provider.providerId(), contentId, keyId)
					.orElseThrow(() -> new LicenseRefusal(LicenseStatus.CONTENT_KEY_UNKNOWN,
							"No key " + base64(keyId) + " for content '" + contentId + "'"));
				if (track != null && material.trackType() != track) {
					throw new LicenseRefusal(LicenseStatus.MALFORMED_REQUEST,
							field + ": key " + base64(keyId) + " is not a " + track + " key");
				}
			}
			else {
				material = activeKey(provider, contentId, track);
			}
			if (!seen.add(material.trackType())) {
				throw new LicenseRefusal(LicenseStatus.MALFORMED_REQUEST,
						"content_key_specs names track " + material.trackType() + " more than once");
			}
			// The spec's requirements win; the stored policy's apply where the spec is
			// silent.
			TrackRequirement policy = policyTracks.getOrDefault(material.trackType(), TrackRequirement.NONE);
			SecurityLevel level = (spec.securityLevel() != null) ? securityLevel(field, spec.securityLevel())
					: policy.securityLevel();
			HdcpVersion hdcp = (spec.requiredOutputProtection() != null
					&& spec.requiredOutputProtection().hdcp() != null) ? hdcp(field, spec.requiredOutputProtection())
							: policy.requiredHdcp();
			requested.add(new RequestedKey(material, level, hdcp));
		}
		return requested;
	}

	private ContentKeyMaterial activeKey(ProviderPrincipal provider, ContentId contentId, TrackType track) {
		try {
			return this.contents.activeKeys(provider.providerId(), contentId)
				.stream()
				.filter((key) -> key.trackType() == track)
				.findFirst()
				.orElseThrow(() -> new LicenseRefusal(LicenseStatus.CONTENT_KEY_UNKNOWN,
						"Content '" + contentId + "' has no " + track + " key"));
		}
		catch (ContentNotFoundException ex) {
			throw new LicenseRefusal(LicenseStatus.CONTENT_KEY_UNKNOWN, "No content '" + contentId + "'");
		}
	}

	private KeyId storedKeyIdOf(ProviderPrincipal provider, ContentId contentId, TrackType track) {
		return activeKey(provider, contentId, track).keyId();
	}

	private LicenseResponse issue(LicenseMessage message, ProviderPrincipal provider, VerifiedChallenge verified,
			ResolvedPolicy policy, List<ContentKey> keys, Optional<IssuedLicense> previous, LicenseGate gate) {
		Challenge challenge = verified.challenge();
		DeviceCertificate device = verified.device();
		Instant now = this.clock.instant();
		PlaybackPolicy settings = policy.settings();
		Duration duration = settings.licenseDuration();
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
		LicensePolicy licensePolicy = settings.toLicensePolicy();
		Recipient recipient = recipient(challenge, provider, device);
		LicenseSpec spec = LicenseSpec.builder()
			.licenseId(licenseId)
			.contentId(challenge.contentId())
			.provider(provider.providerName())
			.issuedAt(now)
			.expiresAt(now.plus(duration))
			.licenseType(challenge.licenseType())
			.binding(recipient.binding())
			.policy(licensePolicy)
			.sessionTokens(sessionTokens)
			.keys(keys)
			.build();
		IssuedVoucher voucher = this.crypto.time(Operation.ISSUE_LICENSE, () -> this.issuer.issue(spec, recipient));
		IssuedLicense record = IssuedLicense.builder()
			.licenseId(licenseId, counter)
			.providerId(provider.providerId())
			.contentId(challenge.contentId())
			.deviceFingerprint(device.fingerprint().value())
			.licenseType(challenge.licenseType())
			.requestType(challenge.requestType())
			.policy(policy.name(), policy.revision(), snapshot(settings), settings.canRenew())
			.sessionToken(sessionToken)
			.keyIds(keys.stream().map((key) -> key.keyId().toBase64Url()).collect(Collectors.joining(",")))
			.window(now, now.plus(duration))
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

	/** The resolved policy as recorded with an issued license. */
	private String snapshot(PlaybackPolicy settings) {
		return this.json.writeValueAsString(settings.toLicensePolicy().toClaims());
	}

	/**
	 * The license's recipient: the device, or the group the challenge asks for when the
	 * device is one of its members (bound to the group's current key generation).
	 */
	private Recipient recipient(Challenge challenge, ProviderPrincipal provider, DeviceCertificate device) {
		if (challenge.groupId() == null) {
			return Recipient.device(device);
		}
		DeviceGroup group;
		try {
			group = this.groups.get(provider.providerId(), challenge.groupId());
		}
		catch (GroupException ex) {
			throw new LicenseRefusal(LicenseStatus.NOT_A_GROUP_MEMBER, "No device group " + challenge.groupId());
		}
		if (!this.groups.isMember(group, device.fingerprint().value())) {
			throw new LicenseRefusal(LicenseStatus.NOT_A_GROUP_MEMBER,
					"The device is not a member of group " + challenge.groupId());
		}
		return Recipient.group(this.groups.currentPublicKey(group));
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

	private record ResolvedPolicy(PlaybackPolicy settings, @Nullable String name, @Nullable Long revision,
			Map<TrackType, TrackRequirement> tracks) {
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

	private record RequestedKey(ContentKeyMaterial material, SecurityLevel securityLevel, HdcpVersion hdcp) {
	}

}
