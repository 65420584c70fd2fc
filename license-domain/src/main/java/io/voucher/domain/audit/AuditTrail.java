package io.voucher.domain.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.voucher.domain.audit.AuditEvent.ActorType;
import io.voucher.domain.audit.AuditEvent.Outcome;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Appends audit events, seals them into a hash chain, lists them and verifies the chain.
 * Appending is one insert that takes no lock on the chain, so it costs the request almost
 * nothing; sealing runs every few seconds on one node and takes the table's EXCLUSIVE
 * lock for the moment it chains the new rows, which waits for every transaction still
 * inserting so that no row can be sealed before an earlier one.
 */
@Service
public class AuditTrail {

	/** The hash before the first event. */
	static final String GENESIS = "0".repeat(64);

	private final JdbcTemplate jdbc;

	private final Clock clock;

	public AuditTrail(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Appends an event, in the caller's transaction if there is one.
	 * @param actorType what kind of caller acted
	 * @param actor who
	 * @param providerId the provider concerned, or {@code null}
	 * @param action what was done
	 * @param target what it was done to, or {@code null}
	 * @param outcome how it ended
	 * @param detail a status or error code, or {@code null}
	 */
	@Transactional(propagation = Propagation.REQUIRED)
	public void append(ActorType actorType, String actor, @Nullable UUID providerId, String action,
			@Nullable String target, Outcome outcome, @Nullable String detail) {
		this.jdbc.update(
				"INSERT INTO audit_event (occurred_at, actor_type, actor, provider_id, action, target, outcome, detail) "
						+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
				Timestamp.from(this.clock.instant()), actorType.name(), truncate(actor, 200), providerId,
				truncate(action, 200), (target != null) ? truncate(target, 500) : null, outcome.name(),
				(detail != null) ? truncate(detail, 200) : null);
	}

	/**
	 * Chains every unsealed event, in id order.
	 * @return how many events were sealed
	 */
	@Transactional
	public int seal() {
		this.jdbc.execute("LOCK TABLE audit_event IN EXCLUSIVE MODE");
		List<AuditEvent> unsealed = this.jdbc.query("SELECT * FROM audit_event WHERE hash IS NULL ORDER BY id",
				AuditTrail::event);
		if (unsealed.isEmpty()) {
			return 0;
		}
		List<String> previous = this.jdbc.queryForList(
				"SELECT hash FROM audit_event WHERE hash IS NOT NULL AND id < ? ORDER BY id DESC LIMIT 1", String.class,
				unsealed.get(0).id());
		String hash = previous.isEmpty() ? GENESIS : previous.get(0);
		List<Object[]> updates = new ArrayList<>();
		for (AuditEvent event : unsealed) {
			hash = chain(hash, event);
			updates.add(new Object[] { hash, event.id() });
		}
		this.jdbc.batchUpdate("UPDATE audit_event SET hash = ? WHERE id = ?", updates);
		return unsealed.size();
	}

	/**
	 * Finds one event.
	 * @param id the event's id
	 * @return the event, or empty
	 */
	@Transactional(readOnly = true)
	public Optional<AuditEvent> get(long id) {
		return this.jdbc.query("SELECT * FROM audit_event WHERE id = ?", AuditTrail::event, id).stream().findFirst();
	}

	/**
	 * Lists events, newest first.
	 * @param filter what to list
	 * @param pageable the page
	 * @return one page
	 */
	@Transactional(readOnly = true)
	public Page<AuditEvent> list(Filter filter, Pageable pageable) {
		StringBuilder where = new StringBuilder(" WHERE true");
		List<Object> arguments = new ArrayList<>();
		if (filter.providerId() != null) {
			where.append(" AND provider_id = ?");
			arguments.add(filter.providerId());
		}
		if (filter.actor() != null) {
			where.append(" AND actor = ?");
			arguments.add(filter.actor());
		}
		if (filter.actionPrefix() != null) {
			where.append(" AND starts_with(action, ?)");
			arguments.add(filter.actionPrefix());
		}
		if (filter.outcome() != null) {
			where.append(" AND outcome = ?");
			arguments.add(filter.outcome().name());
		}
		if (filter.from() != null) {
			where.append(" AND occurred_at >= ?");
			arguments.add(Timestamp.from(filter.from()));
		}
		if (filter.to() != null) {
			where.append(" AND occurred_at < ?");
			arguments.add(Timestamp.from(filter.to()));
		}
		Long total = this.jdbc.queryForObject("SELECT count(*) FROM audit_event" + where, Long.class,
				arguments.toArray());
		List<Object> paged = new ArrayList<>(arguments);
		paged.add(pageable.getPageSize());
		paged.add(pageable.getOffset());
		List<AuditEvent> items = this.jdbc.query(
				"SELECT * FROM audit_event" + where + " ORDER BY id DESC LIMIT ? OFFSET ?", AuditTrail::event,
				paged.toArray());
		return new PageImpl<>(items, pageable, (total != null) ? total : 0);
	}

	/**
	 * Recomputes the chain over every sealed event and reports each place where it
	 * breaks: an edited event breaks at itself, a deleted one at the event after it. Each
	 * event is checked against the hash stored on the event before it, so one tampered
	 * row is reported once.
	 * @return the verification
	 */
	@Transactional(readOnly = true)
	public Verification verify() {
		List<Break> breaks = new ArrayList<>();
		String[] previousHash = { GENESIS };
		long[] previousId = { 0 };
		long[] count = { 0 };
		this.jdbc.query("SELECT * FROM audit_event WHERE hash IS NOT NULL ORDER BY id", (row) -> {
			AuditEvent event = event(row, 0);
			if (!chain(previousHash[0], event).equals(event.hash())) {
				String reason = (event.id() == previousId[0] + 1) ? "the event was edited"
						: "the event was edited, or events between " + previousId[0] + " and " + event.id()
								+ " were deleted";
				breaks.add(new Break(event.id(), reason));
			}
			previousHash[0] = event.hash();
			previousId[0] = event.id();
			count[0]++;
		});
		Long unsealed = this.jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE hash IS NULL", Long.class);
		return new Verification(breaks.isEmpty(), count[0], previousId[0], (unsealed != null) ? unsealed : 0, breaks,
				this.clock.instant());
	}

	static String chain(String previousHash, AuditEvent event) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update(previousHash.getBytes(StandardCharsets.US_ASCII));
			digest.update((byte) '\n');
			digest.update(event.canonical().getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is always available", ex);
		}
	}

	private static AuditEvent event(ResultSet row, int index) throws SQLException {
		return new AuditEvent(row.getLong("id"), row.getTimestamp("occurred_at").toInstant(),
				ActorType.valueOf(row.getString("actor_type")), row.getString("actor"),
				row.getObject("provider_id", UUID.class), row.getString("action"), row.getString("target"),
				Outcome.valueOf(row.getString("outcome")), row.getString("detail"), row.getString("hash"));
	}

	private static String truncate(String value, int length) {
		return (value.length() > length) ? value.substring(0, length) : value;
	}

	/**
	 * What to list; {@code null} fields do not filter.
	 *
	 * @param providerId only events of this provider
	 * @param actor only events of this actor
	 * @param actionPrefix only actions starting with this text
	 * @param outcome only events with this outcome
	 * @param from only events at or after this time
	 * @param to only events before this time
	 */
	public record Filter(@Nullable UUID providerId, @Nullable String actor, @Nullable String actionPrefix,
			@Nullable Outcome outcome, @Nullable Instant from, @Nullable Instant to) {
	}

	/**
	 * The result of a chain verification.
	 *
	 * @param intact whether the chain has no break
	 * @param verifiedEvents how many sealed events were checked
	 * @param lastEventId the last sealed event
	 * @param unsealedEvents events not sealed yet (sealed within seconds)
	 * @param breaks where the chain breaks
	 * @param verifiedAt when
	 */
	public record Verification(boolean intact, long verifiedEvents, long lastEventId, long unsealedEvents,
			List<Break> breaks, Instant verifiedAt) {
	}

	/**
	 * A place where the chain breaks.
	 *
	 * @param eventId the first event whose hash does not follow
	 * @param reason what most likely happened
	 */
	public record Break(long eventId, String reason) {
	}

}
