package io.voucher.registry.pregeneration;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.voucher.crypto.group.GroupPublicKey;
import io.voucher.crypto.pki.DeviceCertificate;
import io.voucher.crypto.pki.DeviceFingerprint;
import io.voucher.crypto.pki.SecurityLevel;
import io.voucher.crypto.voucher.IssuedVoucher;
import io.voucher.crypto.voucher.LicenseSpec;
import io.voucher.crypto.voucher.Recipient;
import io.voucher.crypto.voucher.VoucherIssuer;
import io.voucher.domain.content.ContentKeyMaterial;
import io.voucher.domain.content.ContentService;
import io.voucher.domain.entitlement.Entitlement;
import io.voucher.domain.entitlement.EntitlementService;
import io.voucher.domain.group.DeviceGroup;
import io.voucher.domain.group.GroupService;
import io.voucher.domain.license.plan.KeySelection;
import io.voucher.domain.license.plan.LicensePlan;
import io.voucher.domain.license.plan.LicensePlanner;
import io.voucher.domain.license.plan.LicenseTarget;
import io.voucher.domain.license.plan.PlanRefusal;
import io.voucher.domain.license.plan.PlanRefusedException;
import io.voucher.domain.license.plan.PlanRequest;
import io.voucher.domain.license.plan.RegenerationFingerprint;
import io.voucher.domain.policy.PlaybackPolicy;
import io.voucher.domain.policy.PolicyService;
import io.voucher.registry.admission.AdmissionSettings;
import io.voucher.registry.admission.DeviceAdmission;
import io.voucher.registry.registration.Registration;
import io.voucher.registry.registration.RegistrationService;
import io.voucher.registry.registration.RegistrationStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings one registration's (or one device group's) pre-generated licenses in line with
 * its live entitlements: one current license per entitlement, made from the entitlement's
 * current policy and the content's active keys, bound to the registration's device (or
 * the group's current key generation). A license whose inputs have not changed is kept,
 * so running it again changes nothing: jobs can be interrupted and rerun at will. Runs
 * under the registrations' row locks, a batch of registrations (or one) per transaction.
 */
@Component
class LicenseSync {

	private static final Logger logger = LoggerFactory.getLogger(LicenseSync.class);

	/** How long a new registration that failed to sync waits before it is tried again. */
	static final Duration RETRY_FAILED_AFTER = Duration.ofMinutes(5);

	private final RegistrationService registrations;

	private final DeviceAdmission admission;

	private final EntitlementService entitlements;

	private final PolicyService policies;

	private final ContentService contents;

	private final GroupService groups;

	private final VoucherIssuer issuer;

	private final PregeneratedLicenses licenses;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final Clock clock;

	private final ObjectProvider<PregenerationListener> listeners;

	private volatile @Nullable PregenerationListener listener;

	LicenseSync(RegistrationService registrations, DeviceAdmission admission, EntitlementService entitlements,
			PolicyService policies, ContentService contents, GroupService groups, VoucherIssuer issuer,
			PregeneratedLicenses licenses, JdbcTemplate jdbc, TransactionTemplate transaction, Clock clock,
			ObjectProvider<PregenerationListener> listeners) {
		this.listeners = listeners;
		this.groups = groups;
		this.registrations = registrations;
		this.admission = admission;
		this.entitlements = entitlements;
		this.policies = policies;
		this.contents = contents;
		this.issuer = issuer;
		this.licenses = licenses;
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * Lookups for one job run.
	 * @return fresh lookups
	 */
	SyncLookups lookups() {
		return new SyncLookups(this.policies, this.contents, this.jdbc);
	}

	/**
	 * Syncs one registration in its own transaction.
	 * @param registrationId the registration
	 * @param lookups the run's lookups
	 */
	void sync(UUID registrationId, SyncLookups lookups) {
		this.transaction.executeWithoutResult((status) -> {
			relaxCommit();
			this.registrations.lock(registrationId)
				.ifPresent((registration) -> syncLocked(registration.providerId(), List.of(registration), lookups));
		});
		listener().synced(PregenerationListener.Target.REGISTRATION, 1);
	}

	/**
	 * Syncs registrations of a provider, those no other transaction holds together in one
	 * transaction; each of the others is then waited for and synced in a transaction of
	 * its own. A batch that fails (a lock conflict with a change of one of its
	 * registrations, or one registration that cannot be synced) is synced again one
	 * registration at a time; one that still fails is marked as waiting, put off
	 * {@link #RETRY_FAILED_AFTER}, so that a pending-registrations job tries it again.
	 * @param providerId the provider
	 * @param registrationIds the registrations
	 * @param lookups the run's lookups
	 * @return how many registrations could not be synced
	 */
	int syncBatch(UUID providerId, List<UUID> registrationIds, SyncLookups lookups) {
		Set<UUID> alone = new LinkedHashSet<>(registrationIds);
		try {
			this.transaction.executeWithoutResult((status) -> {
				relaxCommit();
				List<Registration> locked = this.registrations.lockAvailable(providerId, registrationIds);
				locked.forEach((registration) -> alone.remove(registration.id()));
				if (!locked.isEmpty()) {
					syncLocked(providerId, locked, lookups);
				}
			});
			if (alone.size() < registrationIds.size()) {
				listener().synced(PregenerationListener.Target.REGISTRATION, registrationIds.size() - alone.size());
			}
		}
		catch (RuntimeException ex) {
			logger.info("A batch of {} registrations failed ({}); syncing them one at a time", registrationIds.size(),
					describe(ex));
			alone.addAll(registrationIds);
		}
		int failed = 0;
		for (UUID registrationId : alone) {
			if (!trySync(registrationId, lookups)) {
				failed++;
				this.jdbc.update(
						"UPDATE registration SET sync_requested_at = now() + ? * interval '1 second' " + "WHERE id = ?",
						RETRY_FAILED_AFTER.toSeconds(), registrationId);
			}
		}
		if (failed > 0) {
			listener().failed(PregenerationListener.Target.REGISTRATION, failed);
		}
		return failed;
	}

	/** Syncs one registration in its own transaction; tells whether it could. */
	private boolean trySync(UUID registrationId, SyncLookups lookups) {
		try {
			sync(registrationId, lookups);
			return true;
		}
		catch (RuntimeException ex) {
			logger.warn("Registration {} could not be synced ({}); it is tried again in {}", registrationId,
					describe(ex), RETRY_FAILED_AFTER);
			return false;
		}
	}

	/**
	 * Syncs a batch of a provider's registrations waiting for their first licenses, in
	 * one transaction and a handful of statements for the whole batch: the batch is
	 * claimed with {@code SKIP LOCKED}, so that jobs running side by side share the
	 * waiting registrations instead of queueing on the same rows. When the batch fails,
	 * its registrations are synced one at a time, and one that fails alone waits
	 * {@link #RETRY_FAILED_AFTER} before it is tried again, so that it holds up no other.
	 * @param providerId the provider
	 * @param lookups the run's lookups
	 * @param size the most registrations to claim
	 * @return how many registrations this call took (none when none was waiting, or when
	 * every one of a failed batch went to another job), and how many of them failed
	 */
	Pending syncPending(UUID providerId, SyncLookups lookups, int size) {
		List<UUID> claimed = new ArrayList<>();
		try {
			this.transaction.executeWithoutResult((status) -> {
				relaxCommit();
				List<Registration> batch = this.registrations.claimWaiting(providerId, size);
				batch.forEach((registration) -> claimed.add(registration.id()));
				if (!batch.isEmpty()) {
					syncLocked(providerId, batch, lookups);
				}
			});
		}
		catch (RuntimeException ex) {
			if (claimed.isEmpty()) {
				// Nothing was claimed (the database is away, say): the job fails and is
				// retried.
				throw ex;
			}
			logger.warn("A batch of {} new registrations failed ({}); syncing them one at a time", claimed.size(),
					describe(ex));
			int handled = 0;
			int failed = 0;
			for (UUID registrationId : claimed) {
				// Put off first, in a statement of its own: a job that finds the row put
				// off, or synced, leaves it alone, so that each is tried (and counted)
				// once; the sync clears the mark when it succeeds.
				if (this.jdbc.update(
						"UPDATE registration SET sync_requested_at = now() + ? * interval '1 second' "
								+ "WHERE id = ? AND sync_requested_at <= now()",
						RETRY_FAILED_AFTER.toSeconds(), registrationId) == 0) {
					continue;
				}
				handled++;
				if (!trySync(registrationId, lookups)) {
					failed++;
				}
			}
			if (failed > 0) {
				listener().failed(PregenerationListener.Target.REGISTRATION, failed);
			}
			return new Pending(handled, failed);
		}
		if (!claimed.isEmpty()) {
			listener().synced(PregenerationListener.Target.REGISTRATION, claimed.size());
		}
		return new Pending(claimed.size(), 0);
	}

	/**
	 * What a pending sync took.
	 *
	 * @param taken how many waiting registrations it took
	 * @param failed how many of them could not be synced
	 */
	record Pending(int taken, int failed) {
	}

	/** The exception's type, and its message unless it may quote stored values. */
	private static String describe(RuntimeException ex) {
		return (ex instanceof DataAccessException) ? ex.getClass().getSimpleName()
				: ex.getClass().getSimpleName() + ": " + ex.getMessage();
	}

	/**
	 * Syncs one device group's licenses in its own transaction: one license per live
	 * entitlement, bound to the group's current key generation.
	 * @param groupRowId the group
	 * @param lookups the run's lookups
	 */
	void syncGroup(UUID groupRowId, SyncLookups lookups) {
		this.transaction.executeWithoutResult((status) -> {
			relaxCommit();
			syncGroupLocked(groupRowId, lookups);
		});
		listener().synced(PregenerationListener.Target.GROUP, 1);
	}

	/**
	 * The listener told about the work, looked up once: beans do not come and go.
	 * @return the listener, or one that ignores everything
	 */
	PregenerationListener listener() {
		PregenerationListener resolved = this.listener;
		if (resolved == null) {
			resolved = this.listeners.getIfAvailable(() -> PregenerationListener.NONE);
			this.listener = resolved;
		}
		return resolved;
	}

	/**
	 * Lets this transaction commit without waiting for its WAL to reach the disk. Safe
	 * here: what it writes can be made again, and the job's own completion commits
	 * synchronously, which flushes every earlier commit with it; a crash before that only
	 * makes the job run again.
	 */
	private void relaxCommit() {
		this.jdbc.execute("SET LOCAL synchronous_commit TO OFF");
	}

	private void syncGroupLocked(UUID groupRowId, SyncLookups lookups) {
		// The row lock serializes with joins, leaves and key rolls of the same group.
		DeviceGroup group = this.groups.lockForLicenses(groupRowId).orElse(null);
		if (group == null) {
			return;
		}
		if (!group.live()) {
			this.licenses.withdrawAllOfGroup(groupRowId);
			return;
		}
		this.licenses.withdrawUnentitledOfGroup(groupRowId);
		Map<UUID, Current> currentInputs = currentInputs("group_license", "group_row_id", groupRowId);
		Instant now = this.clock.instant();
		lookups.revalidate(group.providerId());
		String providerName = lookups.providerName(group.providerId());
		GroupPublicKey key = this.groups.currentPublicKey(group);
		int issued = 0;
		for (Entitlement entitlement : this.entitlements.live(group)) {
			Planned planned = plan(group.providerId(), entitlement,
					LicenseTarget.group(key.groupId(), key.generation(), null), lookups);
			if (planned == null || !planned.replaces(currentInputs.get(entitlement.id()), now)) {
				continue;
			}
			Issued voucher = issue(entitlement, planned, providerName, Recipient.group(key),
					PregenerationListener.Target.GROUP);
			this.jdbc.update(
					"UPDATE group_license SET withdrawn_at = ? WHERE group_row_id = ? "
							+ "AND entitlement_id = ? AND withdrawn_at IS NULL",
					Timestamp.from(voucher.issuedAt()), groupRowId, entitlement.id());
			this.jdbc
				.update("INSERT INTO group_license (id, group_row_id, entitlement_id, generation, license_id, content_id, "
						+ "license, inputs, issued_at, expires_at, renewable) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
						UUID.randomUUID(), groupRowId, entitlement.id(), key.generation(), voucher.licenseId(),
						entitlement.contentId().value(), voucher.compact(), planned.inputs(),
						Timestamp.from(voucher.issuedAt()), Timestamp.from(voucher.expiresAt()),
						planned.settings().canRenew());
			issued++;
		}
		if (issued > 0) {
			this.groups.bundleChanged(groupRowId);
		}
	}

	/**
	 * Syncs registrations of one provider whose rows this transaction holds: the reads
	 * and writes are made for all of them at once (current licenses, live entitlements,
	 * withdrawals, new licenses, bundle versions), so that a batch costs a handful of
	 * round trips whatever its size, and the time goes to the cryptography.
	 */
	private void syncLocked(UUID providerId, List<Registration> locked, SyncLookups lookups) {
		// Whichever job syncs a new registration first, none needs to wait for it any
		// more.
		this.jdbc.update("UPDATE registration SET sync_requested_at = NULL WHERE id = ANY (?) "
				+ "AND sync_requested_at IS NOT NULL", (Object) ids(locked));
		List<Registration> active = new ArrayList<>();
		for (Registration registration : locked) {
			if (registration.status() == RegistrationStatus.ACTIVE) {
				active.add(registration);
			}
			else {
				this.licenses.withdrawAll(registration.id());
			}
		}
		if (active.isEmpty()) {
			return;
		}
		Map<UUID, Map<UUID, Current>> currentInputs = currentInputs(active);
		Instant now = this.clock.instant();
		lookups.revalidate(providerId);
		String providerName = lookups.providerName(providerId);
		AdmissionSettings admitted = this.admission.settings(providerId);
		Map<String, List<Entitlement>> live = this.entitlements.live(providerId,
				active.stream().map(Registration::generatedId).toList());
		List<UUID> withdrawnOwners = new ArrayList<>();
		List<UUID> withdrawnEntitlements = new ArrayList<>();
		List<Object[]> inserts = new ArrayList<>();
		List<UUID> changed = new ArrayList<>();
		for (Registration registration : active) {
			Map<UUID, Current> current = currentInputs.getOrDefault(registration.id(), Map.of());
			// A device the provider no longer admits keeps no license: all are withdrawn.
			List<Entitlement> entitled = this.admission.admits(admitted, registration.securityLevel(),
					() -> RegistrationService.certificate(registration))
							? live.getOrDefault(registration.generatedId(), List.of()) : List.of();
			// Current licenses of entitlements no longer live go, as do those replaced
			// below.
			Set<UUID> withdrawn = new HashSet<>(current.keySet());
			entitled.forEach((entitlement) -> withdrawn.remove(entitlement.id()));
			int issued = 0;
			DeviceCertificate device = null;
			LicenseTarget target = LicenseTarget.device(new DeviceFingerprint(registration.fingerprint()),
					SecurityLevel.of(registration.securityLevel()));
			for (Entitlement entitlement : entitled) {
				Planned planned = plan(providerId, entitlement, target, lookups);
				if (planned == null || !planned.replaces(current.get(entitlement.id()), now)) {
					continue;
				}
				if (device == null) {
					device = RegistrationService.certificate(registration);
				}
				Issued voucher = issue(entitlement, planned, providerName, Recipient.device(device),
						PregenerationListener.Target.REGISTRATION);
				if (current.containsKey(entitlement.id())) {
					withdrawn.add(entitlement.id());
				}
				inserts.add(new Object[] { UUID.randomUUID(), registration.id(), entitlement.id(), voucher.licenseId(),
						entitlement.contentId().value(), voucher.compact(), planned.inputs(),
						Timestamp.from(voucher.issuedAt()), Timestamp.from(voucher.expiresAt()),
						planned.settings().canRenew() });
				issued++;
			}
			for (UUID entitlementId : withdrawn) {
				withdrawnOwners.add(registration.id());
				withdrawnEntitlements.add(entitlementId);
			}
			if (issued > 0 || !withdrawn.isEmpty()) {
				changed.add(registration.id());
			}
		}
		if (!withdrawnOwners.isEmpty()) {
			this.jdbc.update(
					"UPDATE pregenerated_license SET withdrawn_at = ? WHERE withdrawn_at IS NULL "
							+ "AND (registration_id, entitlement_id) IN (SELECT * FROM unnest(?::uuid[], ?::uuid[]))",
					Timestamp.from(this.clock.instant()), withdrawnOwners.toArray(UUID[]::new),
					withdrawnEntitlements.toArray(UUID[]::new));
		}
		if (!inserts.isEmpty()) {
			this.jdbc.batchUpdate(
					"INSERT INTO pregenerated_license (id, registration_id, entitlement_id, license_id, content_id, "
							+ "license, inputs, issued_at, expires_at, renewable) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
					inserts);
		}
		if (!changed.isEmpty()) {
			this.jdbc.update("UPDATE registration SET bundle_version = bundle_version + 1 WHERE id = ANY (?)",
					(Object) changed.toArray(UUID[]::new));
		}
	}

	/**
	 * What the license of an entitlement would be made from now, decided by the license
	 * planner; {@code null} when it would make none (the content is gone, no key is left
	 * for the device, or the policy and overrides do not make a valid policy).
	 * @param providerId the provider
	 * @param entitlement the entitlement
	 * @param target who the license is for
	 * @param lookups the run's lookups
	 */
	private @Nullable Planned plan(UUID providerId, Entitlement entitlement, LicenseTarget target,
			SyncLookups lookups) {
		List<ContentKeyMaterial> active = lookups.activeKeys(providerId, entitlement.contentId()).orElse(null);
		if (active == null) {
			logger.warn("Entitlement {} names content that no longer exists", entitlement.id());
			return null;
		}
		// Overrides that apply exclusively ignore the stored policy: it is not even read.
		SyncLookups.StoredPolicy policy = (entitlement.policyName() != null && !entitlement.overridesExclusively())
				? lookups.policy(providerId, entitlement.policyName()) : null;
		PlanRequest request = PlanRequest.builder()
			.storedPolicy((policy != null) ? policy.settings() : null, (policy != null) ? policy.tracks() : Map.of())
			.overrides(entitlement.overrides(), entitlement.overridesExclusively())
			.activeKeys(active)
			.selection(KeySelection.allTracks())
			.target(target)
			.build();
		try {
			LicensePlan plan = LicensePlanner.plan(request);
			return new Planned(plan, new RegenerationFingerprint(entitlement.id(), entitlement.licenseType(), plan));
		}
		catch (PlanRefusedException ex) {
			if (ex.reason() == PlanRefusal.INVALID_POLICY) {
				logger.warn("Entitlement {} resolves to an invalid policy; it gets no license", entitlement.id());
			}
			return null;
		}
	}

	private Issued issue(Entitlement entitlement, Planned planned, String providerName, Recipient recipient,
			PregenerationListener.Target target) {
		Instant now = this.clock.instant();
		UUID licenseId = UUID.randomUUID();
		LicenseSpec spec = planned.plan()
			.toSpec(licenseId.toString(), entitlement.contentId().value(), providerName, entitlement.licenseType(), now,
					Map.of());
		long start = System.nanoTime();
		IssuedVoucher voucher = this.issuer.issue(spec, recipient);
		listener().licenseSigned(target, System.nanoTime() - start);
		return new Issued(licenseId, voucher.compact(), now, planned.plan().expiresAt(now));
	}

	private Map<UUID, Current> currentInputs(String table, String ownerColumn, UUID owner) {
		Map<UUID, Current> inputs = new HashMap<>();
		this.jdbc.query("SELECT entitlement_id, inputs, expires_at FROM " + table + " WHERE " + ownerColumn
				+ " = ? AND withdrawn_at IS NULL", (row) -> {
					inputs.put(row.getObject(1, UUID.class),
							new Current(row.getString(2), row.getTimestamp(3).toInstant()));
				}, owner);
		return inputs;
	}

	/** The inputs of registrations' current licenses, by registration and entitlement. */
	private Map<UUID, Map<UUID, Current>> currentInputs(List<Registration> registrations) {
		Map<UUID, Map<UUID, Current>> inputs = new HashMap<>();
		this.jdbc.query("SELECT registration_id, entitlement_id, inputs, expires_at FROM pregenerated_license "
				+ "WHERE registration_id = ANY (?) AND withdrawn_at IS NULL", (row) -> {
					inputs.computeIfAbsent(row.getObject(1, UUID.class), (id) -> new HashMap<>())
						.put(row.getObject(2, UUID.class),
								new Current(row.getString(3), row.getTimestamp(4).toInstant()));
				}, (Object) ids(registrations));
		return inputs;
	}

	private static UUID[] ids(List<Registration> registrations) {
		return registrations.stream().map(Registration::id).toArray(UUID[]::new);
	}

	private record Planned(LicensePlan plan, RegenerationFingerprint fingerprint) {

		/**
		 * Whether the license planned now replaces the current one: there is none, its
		 * inputs changed, or it expired and the policy allows renewal. An expired license
		 * the policy does not renew stays current, out of every bundle, so that it is not
		 * made again.
		 */
		boolean replaces(@Nullable Current current, Instant now) {
			return current == null || !this.fingerprint.matches(current.inputs())
					|| (settings().canRenew() && !current.expiresAt().isAfter(now));
		}

		PlaybackPolicy settings() {
			return this.plan.settings();
		}

		String inputs() {
			return this.fingerprint.value();
		}

	}

	/** A current license's inputs and expiry. */
	private record Current(String inputs, Instant expiresAt) {
	}

	private record Issued(UUID licenseId, String compact, Instant issuedAt, Instant expiresAt) {
	}

}
