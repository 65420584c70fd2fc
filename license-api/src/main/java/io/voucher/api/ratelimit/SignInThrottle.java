package io.voucher.api.ratelimit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.voucher.domain.audit.AuditEvent.ActorType;
import io.voucher.domain.audit.AuditEvent.Outcome;
import io.voucher.domain.audit.AuditTrail;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Counts failed admin sign-ins per account and per client address in the database and
 * refuses sign-ins while either is locked (see {@link SignInProperties}). An account is
 * its lower-case user name whether or not such a user exists, so that the answers never
 * tell which users exist. Every failure and lock-out is logged (user name and address,
 * never the password) and written to the audit trail; a refusal during a lock-out is,
 * once per lock and node, so that a caller hammering a locked account cannot grow the
 * trail at its request rate.
 */
@Service
public class SignInThrottle {

	private static final Logger logger = LoggerFactory.getLogger(SignInThrottle.class);

	private static final String ACCOUNT = "ACCOUNT";

	private static final String ADDRESS = "ADDRESS";

	private static final int MAX_SUBJECT = 200;

	/** Stale rows removed per failure, so that cleaning never costs a failure much. */
	private static final int CLEANUP_BATCH = 100;

	/** Locks whose refusals this node remembers having recorded, at most. */
	private static final int NOTED_LOCKS = 10_000;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final AuditTrail trail;

	private final Clock clock;

	private final SignInProperties properties;

	private final ClientAddresses clients;

	/**
	 * The locks (account, address and end of the lock) whose first refusal this node has
	 * logged and audited; later refusals under the same lock are logged at debug level.
	 */
	private final Map<String, Instant> notedLocks = new ConcurrentHashMap<>();

	SignInThrottle(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, AuditTrail trail, Clock clock,
			SignInProperties properties, RateLimitProperties rateLimits) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.trail = trail;
		this.clock = clock;
		this.properties = properties;
		this.clients = new ClientAddresses(rateLimits.trustedProxies());
	}

	/**
	 * Returns the client address a request counts against: the TCP peer, or the client
	 * named by a trusted proxy (see {@link RateLimitProperties#trustedProxies()}).
	 * @param request the request
	 * @return the address, an IPv6 one by its /64 prefix
	 */
	public String clientOf(HttpServletRequest request) {
		return this.clients.keyOf(request);
	}

	/**
	 * Refuses a sign-in while its account or its address is locked.
	 * @param attempt the sign-in about to be checked
	 * @return whether the account has failures to forget when this sign-in succeeds
	 * @throws SignInRefusedException when locked
	 */
	public boolean check(SignInAttempt attempt) {
		Instant now = this.clock.instant();
		List<Standing> standings = this.jdbc.query(
				"SELECT scope, locked_until FROM sign_in_throttle WHERE (scope = ? AND subject = ?) "
						+ "OR (scope = ? AND subject = ?)",
				(row, index) -> new Standing(row.getString("scope"), instant(row, "locked_until")), ACCOUNT,
				account(attempt.username()), ADDRESS, subject(attempt.client()));
		Instant lockedUntil = null;
		for (Standing standing : standings) {
			if (standing.lockedUntil() != null && standing.lockedUntil().isAfter(now)
					&& (lockedUntil == null || standing.lockedUntil().isAfter(lockedUntil))) {
				lockedUntil = standing.lockedUntil();
			}
		}
		if (lockedUntil != null) {
			SignInRefusedException refused = new SignInRefusedException(Duration.between(now, lockedUntil));
			if (firstRefusalUnder(attempt, lockedUntil, now)) {
				logger.warn("Refused {} sign-in of user '{}' from {}: locked for {} s more", attempt.channel(),
						printable(attempt.username()), attempt.client(), refused.retryAfterSeconds());
				audit(attempt, "TOO_MANY_SIGN_IN_ATTEMPTS");
			}
			else {
				logger.debug("Refused {} sign-in of user '{}' from {} again: locked for {} s more", attempt.channel(),
						printable(attempt.username()), attempt.client(), refused.retryAfterSeconds());
			}
			throw refused;
		}
		return standings.stream().anyMatch((standing) -> ACCOUNT.equals(standing.scope()));
	}

	private boolean firstRefusalUnder(SignInAttempt attempt, Instant lockedUntil, Instant now) {
		if (this.notedLocks.size() >= NOTED_LOCKS) {
			this.notedLocks.values().removeIf((until) -> !until.isAfter(now));
			if (this.notedLocks.size() >= NOTED_LOCKS) {
				this.notedLocks.clear();
			}
		}
		String lock = account(attempt.username()) + '\n' + subject(attempt.client()) + '\n' + lockedUntil;
		return this.notedLocks.putIfAbsent(lock, lockedUntil) == null;
	}

	/**
	 * Counts a failed sign-in against its account and its address, locking either when it
	 * reaches its limit.
	 * @param attempt the failed sign-in
	 */
	public void failed(SignInAttempt attempt) {
		Instant now = this.clock.instant();
		logger.warn("Failed {} sign-in of user '{}' from {}", attempt.channel(), printable(attempt.username()),
				attempt.client());
		SignInCounter account = this.transactions
			.execute((status) -> count(ACCOUNT, account(attempt.username()), now, SignInCounter::accountFailure));
		SignInCounter address = this.transactions
			.execute((status) -> count(ADDRESS, subject(attempt.client()), now, SignInCounter::addressFailure));
		audit(attempt, "BAD_CREDENTIALS");
		if (account != null && account.failures() >= this.properties.accountMaxFailures()) {
			lockedOut(attempt, "account", account, now);
		}
		if (address != null && address.failures() == this.properties.addressMaxFailures()) {
			lockedOut(attempt, "address", address, now);
		}
		forgetStale(now);
	}

	/**
	 * Forgets an account's failures after a successful sign-in. Its address keeps its
	 * count: one good password must not buy an address more guesses at other accounts.
	 * @param username the user name signed in with
	 */
	public void succeeded(String username) {
		this.jdbc.update("DELETE FROM sign_in_throttle WHERE scope = ? AND subject = ?", ACCOUNT, account(username));
	}

	private SignInCounter count(String scope, String subject, Instant now, Step step) {
		this.jdbc.update(
				"INSERT INTO sign_in_throttle (scope, subject, failures, window_start, last_failure_at) "
						+ "VALUES (?, ?, 0, ?, ?) ON CONFLICT (scope, subject) DO NOTHING",
				scope, subject, Timestamp.from(now), Timestamp.from(now));
		// The row lock makes concurrent failures on every node count one after the
		// other.
		SignInCounter previous = this.jdbc.queryForObject(
				"SELECT failures, window_start, last_failure_at, locked_until FROM sign_in_throttle "
						+ "WHERE scope = ? AND subject = ? FOR UPDATE",
				(row, index) -> new SignInCounter(row.getInt("failures"), instant(row, "window_start"),
						instant(row, "last_failure_at"), instant(row, "locked_until")),
				scope, subject);
		SignInCounter next = step.apply((previous == null || previous.failures() == 0) ? null : previous, now,
				this.properties);
		this.jdbc.update(
				"UPDATE sign_in_throttle SET failures = ?, window_start = ?, last_failure_at = ?, locked_until = ? "
						+ "WHERE scope = ? AND subject = ?",
				next.failures(), Timestamp.from(next.windowStart()), Timestamp.from(next.lastFailureAt()),
				(next.lockedUntil() != null) ? Timestamp.from(next.lockedUntil()) : null, scope, subject);
		return next;
	}

	private void lockedOut(SignInAttempt attempt, String what, SignInCounter counter, Instant now) {
		long seconds = Duration.between(now, counter.lockedUntil()).toSeconds();
		logger.warn("Locked the {} of {} sign-in of user '{}' from {} after {} failures, for {} s", what,
				attempt.channel(), printable(attempt.username()), attempt.client(), counter.failures(), seconds);
		try {
			this.trail.append(ActorType.ANONYMOUS, attempt.username(), null, "SIGN_IN_LOCKOUT " + what,
					attempt.client(), Outcome.REFUSED,
					"locked for " + seconds + " s after " + counter.failures() + " failures");
		}
		catch (RuntimeException ex) {
			logger.error("Could not record the sign-in lock-out of user '{}' in the audit trail",
					printable(attempt.username()), ex);
		}
	}

	private void audit(SignInAttempt attempt, String detail) {
		try {
			this.trail.append(ActorType.ANONYMOUS, attempt.username(), null, "SIGN_IN " + attempt.channel(),
					attempt.client(), Outcome.REFUSED, detail);
		}
		catch (RuntimeException ex) {
			logger.error("Could not record the failed sign-in of user '{}' in the audit trail",
					printable(attempt.username()), ex);
		}
	}

	private void forgetStale(Instant now) {
		Timestamp before = Timestamp.from(now.minus(this.properties.forgetAfter()));
		this.jdbc.update(
				"DELETE FROM sign_in_throttle WHERE ctid IN (SELECT ctid FROM sign_in_throttle "
						+ "WHERE last_failure_at < ? AND (locked_until IS NULL OR locked_until < ?) LIMIT ?)",
				before, Timestamp.from(now), CLEANUP_BATCH);
	}

	private static String account(String username) {
		return subject(username.toLowerCase(Locale.ROOT));
	}

	private static String subject(String text) {
		return (text.length() > MAX_SUBJECT) ? text.substring(0, MAX_SUBJECT) : text;
	}

	/** A user name as it may appear in a log line: no line breaks or other controls. */
	private static String printable(String username) {
		String shown = (username.length() > 100) ? username.substring(0, 100) + "…" : username;
		return shown.codePoints()
			.map((c) -> Character.isISOControl(c) ? '?' : c)
			.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
			.toString();
	}

	private static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
		Timestamp timestamp = row.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private record Standing(String scope, @Nullable Instant lockedUntil) {

	}

	@FunctionalInterface
	private interface Step {

		SignInCounter apply(@Nullable SignInCounter previous, Instant now, SignInProperties properties);

	}

}
