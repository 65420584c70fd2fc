package io.voucher.client;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.voucher.client.KeptVouchers.Kept;
import io.voucher.client.platform.BundledLicense;
import io.voucher.client.platform.DevicePlatform;
import io.voucher.client.platform.GroupCredentialAnswer;
import io.voucher.client.platform.LicenseBundle;
import io.voucher.client.platform.RegistrationAnswer;
import io.voucher.client.policy.DeviceCapabilities;
import io.voucher.client.policy.PlaybackDecision;
import io.voucher.client.policy.PolicyEnforcer;
import io.voucher.client.store.DeviceStore;
import io.voucher.client.store.GroupRecord;
import io.voucher.client.store.RegistrationRecord;
import io.voucher.client.store.StoreState;
import io.voucher.crypto.challenge.Challenge;
import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.challenge.GroupRequest;
import io.voucher.crypto.challenge.RegistrationRequest;
import io.voucher.crypto.challenge.RequestType;
import io.voucher.crypto.group.GroupId;
import io.voucher.crypto.group.GroupMembership;
import io.voucher.crypto.keys.LicenseTrust;
import io.voucher.crypto.pki.CertificatePem;
import io.voucher.crypto.pki.CertificateRejectedException;
import io.voucher.crypto.pki.DeviceCertificate;
import io.voucher.crypto.pki.DeviceIdentity;
import io.voucher.crypto.pki.DeviceKeyPair;
import io.voucher.crypto.pki.DeviceProfile;
import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.KeyType;
import io.voucher.crypto.revocation.RevocationList;
import io.voucher.crypto.revocation.RevocationListRejectedException;
import io.voucher.crypto.revocation.RevocationLists;
import io.voucher.crypto.voucher.Binding;
import io.voucher.crypto.voucher.ContentKey;
import io.voucher.crypto.voucher.KeyGrant;
import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.LicenseTerms;
import io.voucher.crypto.voucher.OpenedVoucher;
import org.jspecify.annotations.Nullable;

/**
 * The device SDK, shaped after Primetime's {@code DRMManager}: individualize the device,
 * {@link #authenticate register} a generated ID, load vouchers (the out-of-band bundle,
 * or an online license through the provider's proxy), {@link #storeVoucher store} and
 * {@link DeviceVoucher#toByteArray() export} them, join and leave device groups,
 * {@link #play play} under the license's policy, and {@link #resetDRM() reset}.
 * <p>
 * Everything the device keeps is in its {@link DeviceStore}; every voucher is verified
 * against the pinned license root before it is kept, and opened again (binding, validity,
 * key block) at each play. Failures are {@link DrmException}s with a stable
 * {@link DrmError}. Methods are synchronized: one manager per device store.
 */
public final class DrmManager implements AutoCloseable {

	/** The session token that renewals must present, as the license carries it. */
	static final String SESSION_TOKEN = "provider_session_token";

	private final DeviceStore store;

	private final DevicePlatform platform;

	private final Clock clock;

	private final OutputProtection output;

	private final @Nullable X509Certificate pinnedRoot;

	private final PolicyEnforcer policy;

	private final KeptVouchers vouchers;

	private final VoucherVerifier verifier;

	private DrmManager(Builder builder) {
		this.store = Objects.requireNonNull(builder.store, "store");
		this.platform = Objects.requireNonNull(builder.platform, "platform");
		this.clock = builder.clock;
		this.output = builder.output;
		this.pinnedRoot = builder.licenseRoot;
		this.policy = new PolicyEnforcer(this.clock);
		this.vouchers = new KeptVouchers(this.store, this.clock);
		this.verifier = new VoucherVerifier(this.store, this.clock, this.pinnedRoot);
	}

	/**
	 * Starts building a manager.
	 * @return the builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	// --- individualization ---

	/**
	 * Individualizes the device: makes an EC P-256 key pair, sends its PKCS#10 request,
	 * keeps the key and the certificate in the store, and pins the license root (the one
	 * given to the builder, or on first use the platform's).
	 * @param profile make, model, claimed security level and maximum HDCP
	 * @return the device
	 * @throws DrmException {@code ALREADY_INDIVIDUALIZED} if the device has a certificate
	 */
	public synchronized DeviceInfo individualize(DeviceProfile profile) {
		if (this.store.deviceIdentity().isPresent()) {
			throw new DrmException(DrmError.ALREADY_INDIVIDUALIZED,
					"The device already has a certificate; reset DRM to get a new one");
		}
		DeviceKeyPair keys = DeviceKeyPair.generate(KeyType.EC_P256);
		List<byte[]> chain = this.platform.individualize(keys.createCsr(), profile);
		DeviceIdentity identity;
		try {
			identity = keys.certified(DeviceCertificate.parseDer(chain));
		}
		catch (CertificateRejectedException | IllegalArgumentException ex) {
			throw new DrmException(DrmError.PLATFORM_REFUSED,
					"The platform answered a certificate that is not for this device's key", ex);
		}
		pinLicenseRoot();
		this.store.saveDeviceIdentity(identity);
		return DeviceInfo.of(identity.certificate());
	}

	/**
	 * The individualized device.
	 * @return the device, if individualized
	 */
	public synchronized Optional<DeviceInfo> device() {
		return this.store.deviceIdentity().map((identity) -> DeviceInfo.of(identity.certificate()));
	}

	private void pinLicenseRoot() {
		String pem = (this.pinnedRoot != null) ? CertificatePem.encode(List.of(this.pinnedRoot))
				: this.store.state().licenseRootPem();
		if (pem == null) {
			pem = this.platform.licenseRootPem();
			try {
				CertificatePem.decode(pem);
			}
			catch (CertificateRejectedException ex) {
				throw new DrmException(DrmError.PLATFORM_REFUSED, "The platform's license root is not a certificate",
						ex);
			}
		}
		String root = pem;
		this.store.update((state) -> state.withLicenseRootPem(root));
	}

	// --- registration (DRMManager.authenticate) ---

	/**
	 * Registers a generated ID with this device's certificate (Primetime's
	 * {@code DRMManager.authenticate} with the generated ID as user name); the platform
	 * pre-generates the licenses of its entitlements. Registering the same ID again is
	 * harmless.
	 * @param generatedId the app's generated ID ({@link GeneratedId#random()})
	 * @param provider the provider's name
	 * @return the registration
	 * @throws DrmException {@code REGISTRATION_CONFLICT}, {@code REGISTRATION_GONE},
	 * {@code DEVICE_REVOKED}…
	 */
	public synchronized Registration authenticate(GeneratedId generatedId, String provider) {
		DeviceIdentity identity = identity();
		RegistrationAnswer answer = this.platform
			.register(RegistrationRequest.of(generatedId, provider, this.clock).signWith(identity));
		this.store.update((state) -> state.withRegistration(new RegistrationRecord(generatedId, provider,
				identity.fingerprint().value(), answer.registeredAt(), answer.bundleUrl())));
		return new Registration(generatedId, provider, answer.registeredAt(), answer.bundleUrl(), answer.created());
	}

	/**
	 * The generated IDs registered on this device (since its last DRM reset).
	 * @return the registrations
	 */
	public synchronized List<Registration> registrations() {
		return this.store.state()
			.registrations()
			.stream()
			.map((record) -> new Registration(record.generatedId(), record.provider(), record.registeredAt(),
					record.bundleUrl(), false))
			.toList();
	}

	// --- loading and storing vouchers ---

	/**
	 * Downloads the out-of-band bundle of a registered generated ID and stores every
	 * voucher of it that verifies; each of the others (expired, bound elsewhere…) is
	 * reported with its error and stored not.
	 * @param generatedId the generated ID
	 * @return the vouchers stored and those refused
	 */
	public synchronized LoadedVouchers loadVouchers(GeneratedId generatedId) {
		return storeAll(this.platform.bundle(generatedId));
	}

	/**
	 * Downloads a bundle from any HTTP server or CDN and stores every voucher of it that
	 * verifies, reporting the others.
	 * @param bundleUrl the bundle's URL
	 * @return the vouchers stored and those refused
	 */
	public synchronized LoadedVouchers loadVouchers(URI bundleUrl) {
		return storeAll(this.platform.bundle(bundleUrl));
	}

	/**
	 * Downloads the bundle of a device group this device is a member of and stores every
	 * voucher of it that verifies, reporting the others.
	 * @param groupId the group
	 * @return the vouchers stored and those refused
	 */
	public synchronized LoadedVouchers loadGroupVouchers(GroupId groupId) {
		return storeAll(this.platform.groupBundle(groupId));
	}

	/**
	 * Gets an online license through the provider's proxy (Primetime's
	 * {@code DRMManager.loadVoucher}) and stores it.
	 * @param request what to ask for
	 * @param proxy the provider's license proxy
	 * @return the voucher
	 */
	public synchronized DeviceVoucher loadVoucher(LicenseRequest request, LicenseProxy proxy) {
		return storeVoucher(proxy.requestLicense(challenge(request)));
	}

	/**
	 * A new license challenge, signed by this device: the license message's
	 * {@code payload}, for a provider's backend that posts the message itself.
	 * @param request what to ask for
	 * @return the challenge (compact JWS), good for one license request
	 */
	public synchronized String challenge(LicenseRequest request) {
		DeviceIdentity identity = identity();
		Challenge challenge = Challenge.builder()
			.clock(this.clock)
			.contentId(request.contentId())
			.licenseType(request.licenseType())
			.keyIds(request.keyIds())
			.groupId((request.groupId() != null) ? request.groupId().value() : null)
			.build();
		return challenge.signWith(identity);
	}

	/**
	 * Verifies a voucher obtained out of band (a bundle, another group member's
	 * {@link DeviceVoucher#toByteArray()}, a file) and keeps it: in the store when its
	 * policy allows persistence ({@code can_persist}), else in memory only.
	 * @param voucher the voucher: the compact JWS's bytes, or their base64
	 * @return the stored voucher
	 * @throws DrmException {@code LICENSE_BOUND_TO_ANOTHER_DEVICE},
	 * {@code LICENSE_EXPIRED}, {@code LICENSE_SIGNATURE_INVALID},
	 * {@code LICENSE_UNTRUSTED_SIGNER}, {@code GROUP_GENERATION_TOO_OLD}…
	 */
	public synchronized DeviceVoucher storeVoucher(byte[] voucher) {
		String compact = compact(voucher);
		OpenedVoucher opened = open(compact);
		destroy(opened);
		return this.vouchers.keep(opened.terms(), compact);
	}

	private LoadedVouchers storeAll(LicenseBundle bundle) {
		// Fails as a whole only when nothing can be verified on this device at all.
		identity();
		trust();
		List<DeviceVoucher> stored = new ArrayList<>();
		List<LoadedVouchers.RefusedVoucher> refused = new ArrayList<>();
		for (BundledLicense license : bundle.licenses()) {
			LicenseTerms terms;
			try {
				OpenedVoucher opened = open(license.license());
				destroy(opened);
				terms = opened.terms();
			}
			catch (DrmException ex) {
				refused.add(new LoadedVouchers.RefusedVoucher(license.licenseId(), license.contentId(), ex.error(),
						ex.getMessage()));
				continue;
			}
			stored.add(this.vouchers.keep(terms, license.license()));
		}
		return new LoadedVouchers(stored, refused);
	}

	/**
	 * A voucher kept on this device.
	 * @param licenseId the license id
	 * @return the voucher ({@link DeviceVoucher#toByteArray()} exports it)
	 * @throws DrmException {@code LICENSE_NOT_FOUND}
	 */
	public synchronized DeviceVoucher voucher(String licenseId) {
		String compact = this.vouchers.compactOf(licenseId);
		return new DeviceVoucher(inspect(compact), this.vouchers.persisted(licenseId), compact);
	}

	/**
	 * Every voucher kept on this device, with its state now.
	 * @return the vouchers and states
	 */
	public synchronized List<VoucherStatus> listVouchers() {
		List<VoucherStatus> result = new ArrayList<>();
		for (Kept kept : kept()) {
			LicenseTerms terms;
			try {
				terms = inspect(kept.compact());
			}
			catch (DrmException ex) {
				// Verified when stored: only a change of the pinned root gets here.
				continue;
			}
			DeviceVoucher voucher = new DeviceVoucher(terms, kept.persisted(), kept.compact());
			try {
				if (this.store.state().deviceRevoked()) {
					throw new DrmException(DrmError.DEVICE_REVOKED, "The device is revoked");
				}
				destroy(open(kept.compact()));
				this.policy.check(terms, kept.usage());
				result.add(new VoucherStatus(voucher, VoucherState.PLAYABLE, null, kept.usage().firstPlayedAt()));
			}
			catch (DrmException ex) {
				result.add(new VoucherStatus(voucher, VoucherState.of(ex.error()), ex.error(),
						kept.usage().firstPlayedAt()));
			}
		}
		return result;
	}

	// --- playback ---

	/**
	 * Opens the license of a content for playback now: verifies it again, enforces its
	 * policy against the device clock, the device's security level and the current
	 * output, records the first play, and answers the keys the player may use. When
	 * several licenses of the content are kept, the newest that may play wins.
	 * @param contentId the content
	 * @return the grant
	 * @throws DrmException the refusal of the newest license ({@code LICENSE_NOT_FOUND}
	 * when there is none)
	 */
	public synchronized PlaybackGrant play(String contentId) {
		DeviceIdentity identity = identity();
		if (this.store.state().deviceRevoked()) {
			throw new DrmException(DrmError.DEVICE_REVOKED, "This device's certificate is revoked");
		}
		List<Kept> candidates = new ArrayList<>();
		Map<Kept, LicenseTerms> terms = new LinkedHashMap<>();
		for (Kept kept : kept()) {
			if (kept.contentId().equals(contentId)) {
				try {
					terms.put(kept, inspect(kept.compact()));
					candidates.add(kept);
				}
				catch (DrmException ex) {
					// Verified when stored: only a change of the pinned root gets here.
				}
			}
		}
		if (candidates.isEmpty()) {
			throw new DrmException(DrmError.LICENSE_NOT_FOUND, "No license for content " + contentId);
		}
		candidates.sort(Comparator.comparing((Kept kept) -> terms.get(kept).issuedAt()).reversed());
		HdcpVersion certified = identity.certificate().maxHdcp();
		HdcpVersion current = this.output.currentHdcp();
		DeviceCapabilities capabilities = new DeviceCapabilities(identity.certificate().securityLevel(),
				certified.satisfies(current) ? current : certified);
		DrmException refusal = null;
		for (Kept kept : candidates) {
			OpenedVoucher opened = null;
			try {
				opened = open(kept.compact());
				PlaybackDecision decision = this.policy.authorize(opened.terms(), kept.usage(), capabilities);
				if (kept.usage().firstPlayedAt() == null) {
					this.vouchers.firstPlayed(kept, decision.firstPlayedAt());
				}
				Set<KeyId> usable = decision.usable().stream().map(KeyGrant::keyId).collect(Collectors.toSet());
				List<ContentKey> keys = new ArrayList<>();
				for (ContentKey key : opened.contentKeys()) {
					if (usable.contains(key.keyId())) {
						keys.add(key);
					}
					else {
						key.key().destroy();
					}
				}
				return new PlaybackGrant(new DeviceVoucher(opened.terms(), kept.persisted(), kept.compact()), keys,
						decision);
			}
			catch (DrmException ex) {
				if (opened != null) {
					destroy(opened);
				}
				if (refusal == null) {
					refusal = ex;
				}
			}
		}
		throw refusal;
	}

	/**
	 * Renews a license through the provider's proxy (a RENEWAL challenge with the license
	 * id and session token) and keeps the renewed voucher; a failed attempt is recorded,
	 * so that the next attempt follows the retry interval.
	 * @param licenseId the license
	 * @param proxy the provider's license proxy
	 * @return the renewed voucher
	 * @throws DrmException {@code RENEWAL_NOT_ALLOWED}, or the proxy's failure
	 */
	public synchronized DeviceVoucher renewVoucher(String licenseId, LicenseProxy proxy) {
		DeviceIdentity identity = identity();
		LicenseTerms terms = inspect(this.vouchers.compactOf(licenseId));
		if (!terms.policy().canRenew()) {
			throw new DrmException(DrmError.RENEWAL_NOT_ALLOWED, "License " + licenseId + " cannot be renewed");
		}
		String group = (terms.binding() instanceof Binding.GroupBinding binding) ? binding.groupId().value() : null;
		Challenge challenge = Challenge.builder()
			.clock(this.clock)
			.contentId(terms.contentId())
			.licenseType(terms.licenseType())
			.requestType(RequestType.RENEWAL)
			.licenseId(licenseId)
			.sessionToken(terms.sessionTokens().get(SESSION_TOKEN))
			.groupId(group)
			.build();
		byte[] answer;
		try {
			answer = proxy.requestLicense(challenge.signWith(identity));
		}
		catch (DrmException ex) {
			this.vouchers.renewalFailed(licenseId);
			throw ex;
		}
		String compact = compact(answer);
		OpenedVoucher opened = open(compact);
		destroy(opened);
		if (!opened.terms().licenseId().equals(licenseId)) {
			throw new DrmException(DrmError.LICENSE_MALFORMED,
					"The renewal answered license " + opened.terms().licenseId() + " instead of " + licenseId);
		}
		return new DeviceVoucher(opened.terms(), this.vouchers.renewed(licenseId, compact), compact);
	}

	// --- device groups ---

	/**
	 * Joins a device group with a join token from the provider and keeps the group
	 * credential (Primetime's {@code DRMManager.addToDeviceGroup}).
	 * @param groupId the group
	 * @param joinToken the join token
	 * @return the membership
	 */
	public synchronized GroupStatus joinDeviceGroup(GroupId groupId, String joinToken) {
		DeviceIdentity identity = identity();
		GroupCredentialAnswer answer = this.platform.joinGroup(groupId,
				GroupRequest.of(GroupRequest.Action.JOIN, groupId, joinToken, this.clock).signWith(identity));
		return keepCredential(answer, identity);
	}

	/**
	 * Fetches the group's current credential (after the group key rolled because a member
	 * left, or before the credential expires).
	 * @param groupId the group
	 * @return the membership
	 */
	public synchronized GroupStatus refreshDeviceGroup(GroupId groupId) {
		DeviceIdentity identity = identity();
		GroupCredentialAnswer answer = this.platform.groupCredential(groupId,
				GroupRequest.of(GroupRequest.Action.CREDENTIAL, groupId, null, this.clock).signWith(identity));
		return keepCredential(answer, identity);
	}

	/**
	 * Leaves a device group: the platform rolls the group key; this device forgets the
	 * credential and the vouchers bound to the group.
	 * @param groupId the group
	 */
	public synchronized void leaveDeviceGroup(GroupId groupId) {
		DeviceIdentity identity = identity();
		this.platform.leaveGroup(groupId, identity.fingerprint(),
				GroupRequest.of(GroupRequest.Action.LEAVE, groupId, null, this.clock).signWith(identity));
		Set<String> bound = new HashSet<>();
		for (Kept kept : kept()) {
			try {
				if (inspect(kept.compact()).binding() instanceof Binding.GroupBinding binding
						&& binding.groupId().equals(groupId)) {
					bound.add(kept.licenseId());
				}
			}
			catch (DrmException ex) {
				// Not readable: not this group's concern.
			}
		}
		this.vouchers.forget(bound);
		this.store.update((state) -> state.withoutGroup(groupId));
	}

	/**
	 * The groups this device is a member of.
	 * @return the memberships
	 */
	public synchronized List<GroupStatus> deviceGroups() {
		return this.store.state()
			.groups()
			.stream()
			.map((group) -> new GroupStatus(group.groupId(), group.generation(), group.expiresAt()))
			.toList();
	}

	private GroupStatus keepCredential(GroupCredentialAnswer answer, DeviceIdentity identity) {
		GroupMembership membership = openCredential(answer.credential(), identity);
		this.store.update((state) -> state.withGroup(new GroupRecord(membership.groupId(), membership.generation(),
				answer.credential(), membership.expiresAt())));
		return new GroupStatus(membership.groupId(), membership.generation(), membership.expiresAt());
	}

	// --- revocation ---

	/**
	 * Fetches and verifies the signed revocation list (never going back to an older one)
	 * and records whether it names this device; a revoked device plays nothing.
	 * @return whether this device is revoked
	 */
	public synchronized boolean updateRevocationList() {
		String signed = this.platform.revocationList();
		StoreState state = this.store.state();
		RevocationList list;
		try {
			list = RevocationLists.verify(signed, trust(), state.revocationSequence());
		}
		catch (RevocationListRejectedException ex) {
			DrmError error = switch (ex.reason()) {
				case TAMPERED -> DrmError.LICENSE_SIGNATURE_INVALID;
				case FOREIGN_SIGNER -> DrmError.LICENSE_UNTRUSTED_SIGNER;
				default -> DrmError.PLATFORM_REFUSED;
			};
			throw new DrmException(error, "The revocation list is refused (" + ex.code() + "): " + ex.getMessage(), ex);
		}
		boolean revoked = this.store.deviceIdentity()
			.map((identity) -> list.isRevoked(identity.fingerprint()))
			.orElse(false);
		this.store.update((current) -> current.withRevocation(list.sequence(), revoked));
		return revoked;
	}

	// --- reset ---

	/**
	 * DRM factory reset (Primetime's {@code DRMManager.resetDRM}): purges the device key
	 * and certificate, the group credentials, the registrations and every voucher.
	 * Licenses issued before are refused afterwards
	 * ({@code LICENSE_BOUND_TO_ANOTHER_DEVICE} once the device has a new certificate):
	 * individualize and register again.
	 * @return what was purged
	 */
	public synchronized ResetReport resetDRM() {
		StoreState before = this.store.state();
		Optional<DeviceIdentity> identity = this.store.deviceIdentity();
		int vouchers = this.vouchers.count();
		this.store.update(StoreState::reset);
		this.store.deleteDeviceIdentity();
		this.vouchers.forgetMemory();
		return new ResetReport(identity.map(DeviceIdentity::fingerprint).orElse(null),
				before.registrations().stream().map(RegistrationRecord::generatedId).toList(), vouchers,
				before.groups().size());
	}

	/**
	 * Purges every voucher, keeping the device's certificate, registrations and groups
	 * (Primetime's {@code DRMManager.resetDRMVouchers}).
	 * @return how many vouchers were purged
	 */
	public synchronized int resetDRMVouchers() {
		return this.vouchers.forgetAll();
	}

	/**
	 * Forgets the vouchers kept in memory (the non-persistable ones).
	 */
	@Override
	public synchronized void close() {
		this.vouchers.forgetMemory();
	}

	private OpenedVoucher open(String compact) {
		return this.verifier.open(compact, identity());
	}

	private LicenseTerms inspect(String compact) {
		return this.verifier.inspect(compact);
	}

	private LicenseTrust trust() {
		return this.verifier.trust();
	}

	private GroupMembership openCredential(String credential, DeviceIdentity identity) {
		return this.verifier.openCredential(credential, identity);
	}

	private static String compact(byte[] voucher) {
		return VoucherVerifier.compact(voucher);
	}

	private static void destroy(OpenedVoucher opened) {
		VoucherVerifier.destroy(opened);
	}

	private DeviceIdentity identity() {
		return this.store.deviceIdentity()
			.orElseThrow(() -> new DrmException(DrmError.NOT_INDIVIDUALIZED,
					"The device has no certificate: individualize it first"));
	}

	private List<Kept> kept() {
		return this.vouchers.all(this::inspectContentId);
	}

	private String inspectContentId(String compact) {
		try {
			return inspect(compact).contentId();
		}
		catch (DrmException ex) {
			return "";
		}
	}

	@Override
	public String toString() {
		return "DrmManager[" + this.store + ", " + this.platform + "]";
	}

	/**
	 * Builds a {@link DrmManager}.
	 */
	public static final class Builder {

		private @Nullable DeviceStore store;

		private @Nullable DevicePlatform platform;

		private Clock clock = Clock.systemUTC();

		private OutputProtection output = OutputProtection.fixed(HdcpVersion.HDCP_NONE);

		private @Nullable X509Certificate licenseRoot;

		private Builder() {
		}

		/**
		 * The device store (required).
		 * @param store the store
		 * @return this builder
		 */
		public Builder store(DeviceStore store) {
			this.store = store;
			return this;
		}

		/**
		 * The platform (required).
		 * @param platform the platform
		 * @return this builder
		 */
		public Builder platform(DevicePlatform platform) {
			this.platform = platform;
			return this;
		}

		/**
		 * The device clock (default: the system clock).
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * The current output's protection (default: none, so that keys requiring HDCP are
		 * withheld until the app says otherwise).
		 * @param output the output
		 * @return this builder
		 */
		public Builder output(OutputProtection output) {
			this.output = output;
			return this;
		}

		/**
		 * The license root to pin, shipped with the app. Without it, the platform's root
		 * is pinned at the first individualization (trust on first use).
		 * @param root the root certificate
		 * @return this builder
		 */
		public Builder licenseRoot(@Nullable X509Certificate root) {
			this.licenseRoot = root;
			return this;
		}

		/**
		 * Builds the manager.
		 * @return the manager
		 */
		public DrmManager build() {
			return new DrmManager(this);
		}

	}

}
