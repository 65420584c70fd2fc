package io.voucher.api.database;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the application waits on PostgreSQL, per purpose, so that a stalled or
 * unreachable database costs a request a few seconds (then a 503 with
 * {@code Retry-After}), never minutes. A zero duration means no limit.
 *
 * @param connect longest wait to open a connection (TCP connect and login, pgjdbc
 * {@code connectTimeout} and {@code loginTimeout})
 * @param requests timeouts of the connections that serve requests (the application's
 * pool)
 * @param background timeouts of the connections of jobs and recurring tasks, which run
 * long batch statements
 * @param migrations timeouts of the connection that runs the Flyway migrations at start
 * (none by default: a migration may rewrite a large table, and other nodes wait for it on
 * Flyway's lock)
 * <p>
 * Defaults: requests 3 s statement, 2 s lock, 4 s socket; background 10 min statement, 1
 * min lock, 11 min socket; migrations none.
 */
@ConfigurationProperties("voucher.database.timeouts")
public record DatabaseTimeoutProperties(@DefaultValue("2s") Duration connect, @DefaultValue Purpose requests,
		@DefaultValue Purpose background, @DefaultValue Purpose migrations) {

	/** Requests: a stalled database costs a request at most about the socket timeout. */
	static final Purpose REQUEST_DEFAULTS = new Purpose(Duration.ofSeconds(3), Duration.ofSeconds(2),
			Duration.ofSeconds(4));

	/** Background work: long batch statements, still bounded. */
	static final Purpose BACKGROUND_DEFAULTS = new Purpose(Duration.ofMinutes(10), Duration.ofMinutes(1),
			Duration.ofMinutes(11));

	/** Migrations: no limits. */
	static final Purpose MIGRATION_DEFAULTS = new Purpose(Duration.ZERO, Duration.ZERO, Duration.ZERO);

	public DatabaseTimeoutProperties {
		if (connect.isNegative() || connect.isZero()) {
			throw new IllegalArgumentException("voucher.database.timeouts.connect must be positive");
		}
		requests = requests.orElse(REQUEST_DEFAULTS).validated("requests");
		background = background.orElse(BACKGROUND_DEFAULTS).validated("background");
		migrations = migrations.orElse(MIGRATION_DEFAULTS).validated("migrations");
	}

	/**
	 * The timeouts of one purpose's connections; an unset one takes the purpose's
	 * default.
	 *
	 * @param statement PostgreSQL's {@code statement_timeout}: the server cancels a
	 * statement running longer
	 * @param lock PostgreSQL's {@code lock_timeout}: the server gives up waiting for a
	 * lock after this long
	 * @param socket pgjdbc's {@code socketTimeout} (whole seconds, rounded up): the
	 * client gives up on an answer after this long (a stalled or unreachable server);
	 * longer than {@code statement} so that a slow statement is cancelled cleanly by the
	 * server first
	 */
	public record Purpose(@Nullable Duration statement, @Nullable Duration lock, @Nullable Duration socket) {

		Purpose orElse(Purpose defaults) {
			return new Purpose((this.statement != null) ? this.statement : defaults.statement,
					(this.lock != null) ? this.lock : defaults.lock,
					(this.socket != null) ? this.socket : defaults.socket);
		}

		Purpose validated(String name) {
			Duration statement = statement();
			Duration socket = socket();
			if (statement.isNegative() || lock().isNegative() || socket.isNegative()) {
				throw new IllegalArgumentException("voucher.database.timeouts." + name + ".* must not be negative");
			}
			if (!socket.isZero() && (statement.isZero() || socket.compareTo(statement) <= 0)) {
				throw new IllegalArgumentException("voucher.database.timeouts." + name
						+ ".socket must be longer than its statement timeout (or both zero)");
			}
			return this;
		}

		@Override
		public Duration statement() {
			return Objects.requireNonNull(this.statement);
		}

		@Override
		public Duration lock() {
			return Objects.requireNonNull(this.lock);
		}

		@Override
		public Duration socket() {
			return Objects.requireNonNull(this.socket);
		}

		/**
		 * The server settings to pass at connection start (pgjdbc {@code options}).
		 * @return the {@code -c} options
		 */
		String serverOptions() {
			return "-c statement_timeout=" + statement().toMillis() + " -c lock_timeout=" + lock().toMillis();
		}

		/**
		 * The socket timeout in whole seconds as pgjdbc takes it, rounded up.
		 * @return the seconds, {@code 0} for none
		 */
		int socketSeconds() {
			return (int) Math.ceil(socket().toMillis() / 1000.0);
		}

	}

}
