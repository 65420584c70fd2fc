package io.voucher.registry.registration;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.challenge.VerifiedRegistration;
import io.voucher.crypto.pki.CertificatePem;
import io.voucher.crypto.pki.DeviceCertificate;
import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.domain.entitlement.EntitlementService;
import io.voucher.domain.group.GroupMember.LeaveReason;
import io.voucher.domain.group.GroupService;
import io.voucher.domain.jobs.Job;
import io.voucher.domain.jobs.Jobs;
import io.voucher.domain.provider.Provider;
import io.voucher.domain.provider.ProviderService;
import io.voucher.registry.admission.DeviceAdmission;
import io.voucher.registry.admission.DeviceRefusedException;
import io.voucher.registry.pregeneration.PregeneratedLicenses;
import io.voucher.registry.registration.RegistrationException.Reason;
import io.voucher.registry.revocation.DeviceKeys;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Registers generated IDs with device certificates (idempotently: the same ID with the
 * same certificate gives the same registration), and moves a device's entitlements to its
 * new generated ID after a factory reset. Uniqueness of a generated ID is a database
 * constraint, so it holds across nodes and concurrent requests.
 */
@Service
public class RegistrationService {

	/** The job kind that pre-generates licenses. */
	public static final String PREGENERATION = "PREGENERATION";

	/** The scope of jobs that sync registrations waiting for their first licenses. */
	public static final String PENDING_SCOPE = "pending-registrations";

	/**
	 * How many jobs may wait to sync new registrations side by side; they share the work
	 * (each claims its own batches), and one that finds nothing left ends at once.
	 */
	public static final int PARALLEL_PENDING_JOBS = 4;

	private static final Logger logger = LoggerFactory.getLogger(RegistrationService.class);

	/** API sort fields mapped to columns. */
	public static final Map<String, String> SORTABLE = Map.of("registered_at", "registered_at", "generated_id",
			"generated_id", "status", "status");

	private final JdbcTemplate jdbc;

	private final ProviderService providers;

	private final DeviceAdmission admission;

	private final DeviceKeys keys;

	private final EntitlementService entitlements;

	private final PregeneratedLicenses licenses;

	private final GroupService groups;

	private final Jobs jobs;

	private final Clock clock;

	/** The caller's transaction, or a new one. */
	private final TransactionTemplate transaction;

	/** A transaction of its own, for work that follows a commit. */
	private final TransactionTemplate afterCommit;

	RegistrationService(JdbcTemplate jdbc, ProviderService providers, DeviceAdmission admission, DeviceKeys keys,
			EntitlementService entitlements, PregeneratedLicenses licenses, GroupService groups, Jobs jobs, Clock clock,
			PlatformTransactionManager transactionManager) {
		this.transaction = new TransactionTemplate(transactionManager);
		this.afterCommit = new TransactionTemplate(transactionManager);
		this.afterCommit.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.groups = groups;
		this.jdbc = jdbc;
		this.providers = providers;
		this.admission = admission;
		this.keys = keys;
		this.entitlements = entitlements;
		this.licenses = licenses;
		this.jobs = jobs;
		this.clock = clock;
	}

	/**
	 * Registers a verified registration request. A new registration then waits for a
	 * shared job that syncs new registrations in batches.
	 * @param verified the request, its chain and signature verified
	 * @return the registration, and whether it is new
	 * @throws DeviceRefusedException when the provider blocked the device or does not
	 * admit it
	 * @throws RegistrationException {@code DEVICE_REVOKED}, {@code CONFLICT} (the ID is
	 * registered with another certificate or provider) or {@code GONE} (the ID's
	 * registration ended)
	 * @throws io.voucher.domain.provider.ProviderNotFoundException when the provider is
	 * unknown
	 */
	public Registered register(VerifiedRegistration verified) {
		Registered registered = Objects.requireNonNull(this.transaction.execute((status) -> insertOrFind(verified)));
		if (registered.created()) {
			requestPendingSyncOnceCommitted(registered.registration().providerId());
		}
		return registered;
	}

	private Registered insertOrFind(VerifiedRegistration verified) {
		DeviceCertificate device = verified.device();
		String fingerprint = device.fingerprint().value();
		Provider provider = this.providers.get(verified.request().provider());
		try {
			this.admission.check(provider.id(), device);
		}
		catch (DeviceRefusedException ex) {
			if (ex.reason() == DeviceRefusedException.Reason.REVOKED) {
				throw new RegistrationException(Reason.DEVICE_REVOKED, ex.getMessage());
			}
			throw ex;
		}
		this.keys.remember(device);
		String generatedId = verified.request().generatedId().value();
		UUID id = UUID.randomUUID();
		int inserted = this.jdbc.update(
				"INSERT INTO registration (id, provider_id, generated_id, fingerprint, "
						+ "certificate_chain, make, model, security_level, max_hdcp, status, registered_at, "
						+ "sync_requested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ACTIVE', ?, now()) "
						+ "ON CONFLICT (generated_id) DO NOTHING",
				id, provider.id(), generatedId, fingerprint, CertificatePem.encode(device.chain()), device.make(),
				device.model(), device.securityLevel().value(), device.maxHdcp().name(),
				Timestamp.from(this.clock.instant()));
		if (inserted == 1) {
			return new Registered(find(generatedId).orElseThrow(), true);
		}
		Registration existing = find(generatedId).orElseThrow();
		boolean same = existing.fingerprint().equals(fingerprint) && existing.providerId().equals(provider.id());
		if (existing.status() != RegistrationStatus.ACTIVE) {
			throw new RegistrationException(Reason.GONE, "The registration of this generated ID has ended ("
					+ existing.status() + "); generate a new ID and register again");
		}
		if (!same) {
			throw new RegistrationException(Reason.CONFLICT,
					"This generated ID is registered with another device certificate");
		}
		return new Registered(existing, false);
	}

	/**
	 * Chooses the job once the registration is committed: a job still queued then is sure
	 * to see it. Usually there is no transaction left by then, and the choice takes one
	 * of its own; inside a caller's transaction it follows that transaction's commit (on
	 * a second connection: the caller's is held until then). Should the database fail
	 * just then, the sweep queues a job later.
	 */
	private void requestPendingSyncOnceCommitted(UUID providerId) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					requestPendingSyncNow(providerId);
				}
			});
		}
		else {
			requestPendingSyncNow(providerId);
		}
	}

	private void requestPendingSyncNow(UUID providerId) {
		try {
			this.afterCommit.executeWithoutResult((status) -> requestPendingSync(providerId));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not queue the job for new registrations of provider {} ({}); the sweep will", providerId,
					ex.getClass().getSimpleName());
		}
	}

	/**
	 * Makes sure a job will claim the provider's registrations waiting for their first
	 * licenses: a new one is queued unless {@link #PARALLEL_PENDING_JOBS} are already
	 * waiting to start (a running job picks up what arrives while it runs; a recurring
	 * sweep catches the rare registration committed just as the last job finished).
	 * @param providerId the provider
	 * @return the job that will sync the registrations
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Job requestPendingSync(UUID providerId) {
		List<Job> queued = this.jobs.queued(providerId, PENDING_SCOPE);
		if (queued.size() >= PARALLEL_PENDING_JOBS) {
			return queued.get(0);
		}
		return this.jobs.enqueue(PREGENERATION, providerId, PENDING_SCOPE);
	}

	/**
	 * Finds the registration of a generated ID, whatever its provider.
	 * @param generatedId the generated ID
	 * @return the registration, if any
	 */
	@Transactional(readOnly = true)
	public Optional<Registration> find(String generatedId) {
		return this.jdbc
			.query("SELECT * FROM registration WHERE generated_id = ?", RegistrationService::registration, generatedId)
			.stream()
			.findFirst();
	}

	/**
	 * Finds a registration by its internal id (the one job scopes name).
	 * @param id the registration's id
	 * @return the registration, if any
	 */
	@Transactional(readOnly = true)
	public Optional<Registration> find(UUID id) {
		return this.jdbc.query("SELECT * FROM registration WHERE id = ?", RegistrationService::registration, id)
			.stream()
			.findFirst();
	}

	/**
	 * Finds a provider's registration of a generated ID.
	 * @param providerId the provider
	 * @param generatedId the generated ID
	 * @return the registration
	 * @throws RegistrationException {@code NOT_FOUND}
	 */
	@Transactional(readOnly = true)
	public Registration get(UUID providerId, String generatedId) {
		return find(generatedId).filter((registration) -> registration.providerId().equals(providerId))
			.orElseThrow(() -> new RegistrationException(Reason.NOT_FOUND, "No registration of that generated ID"));
	}

	/**
	 * Locks a registration's row for the rest of the transaction, so that its licenses
	 * change one writer at a time.
	 * @param id the registration's id
	 * @return the registration, if it exists
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<Registration> lock(UUID id) {
		return this.jdbc
			.query("SELECT * FROM registration WHERE id = ? FOR UPDATE", RegistrationService::registration, id)
			.stream()
			.findFirst();
	}

	/**
	 * Locks those of a provider's registrations that no other transaction holds, for the
	 * rest of the transaction; the others are left out rather than waited for, so that a
	 * batch never waits on one row while holding many.
	 * @param providerId the provider
	 * @param ids the registrations' ids
	 * @return the registrations locked, by id
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<Registration> lockAvailable(UUID providerId, Collection<UUID> ids) {
		return this.jdbc.query(
				"SELECT * FROM registration WHERE provider_id = ? AND id = ANY (?) ORDER BY id FOR UPDATE SKIP LOCKED",
				RegistrationService::registration, providerId, ids.toArray(UUID[]::new));
	}

	/**
	 * Claims up to {@code size} of a provider's registrations waiting for their first
	 * licenses (and not put off after a failure), oldest first, locking their rows for
	 * the rest of the transaction; rows another transaction holds are skipped, so that
	 * jobs running side by side share the waiting registrations instead of queueing on
	 * the same rows.
	 * @param providerId the provider
	 * @param size the most registrations to claim
	 * @return the claimed registrations, still marked as waiting
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public List<Registration> claimWaiting(UUID providerId, int size) {
		return this.jdbc.query(
				"SELECT * FROM registration WHERE provider_id = ? AND sync_requested_at <= now() "
						+ "ORDER BY sync_requested_at, id LIMIT ? FOR UPDATE SKIP LOCKED",
				RegistrationService::registration, providerId, size);
	}

	/**
	 * Lists a provider's registrations.
	 * @param providerId the provider
	 * @param status only those in this status, or {@code null}
	 * @param fingerprint only those of this device certificate, or {@code null}
	 * @param query only those whose generated ID or fingerprint starts with it, or whose
	 * make or model contains it (case-insensitive), or {@code null}
	 * @param pageable the page, sorted by columns of {@link #SORTABLE}
	 * @return one page
	 */
	@Transactional(readOnly = true)
	public Page<Registration> list(UUID providerId, @Nullable RegistrationStatus status, @Nullable String fingerprint,
			@Nullable String query, Pageable pageable) {
		StringBuilder where = new StringBuilder(" FROM registration WHERE provider_id = ?");
		List<Object> arguments = new ArrayList<>(List.of(providerId));
		if (status != null) {
			where.append(" AND status = ?");
			arguments.add(status.name());
		}
		if (fingerprint != null) {
			where.append(" AND fingerprint = ?");
			arguments.add(fingerprint);
		}
		if (query != null) {
			String contains = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
			where.append(" AND (starts_with(generated_id, ?) OR starts_with(fingerprint, ?)"
					+ " OR make ILIKE ? OR model ILIKE ?)");
			arguments.addAll(List.of(query, query, contains, contains));
		}
		Long total = this.jdbc.queryForObject("SELECT count(*)" + where, Long.class, arguments.toArray());
		List<String> order = new ArrayList<>();
		for (Sort.Order sort : pageable.getSort()) {
			if (!SORTABLE.containsValue(sort.getProperty())) {
				throw new IllegalArgumentException("not sortable: " + sort.getProperty());
			}
			order.add(sort.getProperty() + (sort.isAscending() ? " ASC" : " DESC"));
		}
		order.add("id");
		arguments.add(pageable.getPageSize());
		arguments.add(pageable.getOffset());
		List<Registration> items = this.jdbc.query(
				"SELECT *" + where + " ORDER BY " + String.join(", ", order) + " LIMIT ? OFFSET ?",
				RegistrationService::registration, arguments.toArray());
		return new PageImpl<>(items, pageable, (total != null) ? total : 0);
	}

	/**
	 * Moves a registration's entitlements to the device's new generated ID after a
	 * factory reset: the old registration is superseded (its bundle gone, its licenses
	 * withdrawn) and licenses are pre-generated for the new ID once it is registered.
	 * @param providerId the provider
	 * @param from the old generated ID
	 * @param to the new generated ID
	 * @return what was moved
	 * @throws RegistrationException {@code NOT_FOUND}, {@code GONE} (already ended) or
	 * {@code INVALID}
	 */
	@Transactional
	public Transfer transfer(UUID providerId, String from, GeneratedId to) {
		if (from.equals(to.value())) {
			throw new RegistrationException(Reason.INVALID, "to_generated_id must differ from the registration's");
		}
		Registration registration = get(providerId, from);
		Optional<Registration> target = find(to.value());
		// Both rows, in id order, before anything else: two transfers between the same
		// IDs never wait on each other.
		Stream.concat(Stream.of(registration.id()), target.map(Registration::id).stream()).sorted().forEach(this::lock);
		Registration locked = lock(registration.id()).orElseThrow();
		if (locked.status() != RegistrationStatus.ACTIVE) {
			throw new RegistrationException(Reason.GONE,
					"The registration has already ended (" + locked.status() + ")");
		}
		if (target.isPresent() && !target.get().providerId().equals(providerId)) {
			throw new RegistrationException(Reason.CONFLICT,
					"The new generated ID is registered with another provider");
		}
		Instant now = this.clock.instant();
		this.jdbc.update(
				"UPDATE registration SET status = 'SUPERSEDED', ended_at = ?, superseded_by = ?, "
						+ "bundle_version = bundle_version + 1 WHERE id = ?",
				Timestamp.from(now), to.value(), locked.id());
		this.licenses.withdrawAll(locked.id());
		// The reset device's old certificate is gone: it leaves its groups, whose keys
		// roll.
		this.groups.removeEverywhere(locked.fingerprint(), LeaveReason.RESET);
		int moved = this.entitlements.transfer(providerId, from, to.value());
		// The moved entitlements queued a job for the new ID if it is registered already.
		Job job = target.flatMap((next) -> this.jobs.latest(providerId, "registration:" + next.id())).orElse(null);
		return new Transfer(from, to.value(), moved, job);
	}

	static Registration registration(ResultSet row, int index) throws SQLException {
		Timestamp ended = row.getTimestamp("ended_at");
		return new Registration(row.getObject("id", UUID.class), row.getObject("provider_id", UUID.class),
				row.getString("generated_id"), row.getString("fingerprint"), row.getString("certificate_chain"),
				row.getString("make"), row.getString("model"), row.getInt("security_level"),
				HdcpVersion.valueOf(row.getString("max_hdcp")), RegistrationStatus.valueOf(row.getString("status")),
				row.getTimestamp("registered_at").toInstant(), (ended != null) ? ended.toInstant() : null,
				row.getString("superseded_by"), row.getLong("bundle_version"));
	}

	/**
	 * The device certificate of a registration.
	 * @param registration the registration
	 * @return its device certificate
	 */
	public static DeviceCertificate certificate(Registration registration) {
		return DeviceCertificate.parse(CertificatePem.decode(registration.certificateChainPem()));
	}

	/**
	 * The answer to a registration request.
	 *
	 * @param registration the registration
	 * @param created whether this request created it
	 */
	public record Registered(Registration registration, boolean created) {
	}

	/**
	 * What a transfer moved.
	 *
	 * @param from the old generated ID
	 * @param to the new generated ID
	 * @param movedEntitlements how many entitlements moved
	 * @param job the job pre-generating the new ID's licenses, if it is registered
	 */
	public record Transfer(String from, String to, int movedEntitlements, @Nullable Job job) {
	}

}
