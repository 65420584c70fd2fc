package io.voucher.api.web;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 with {@code Retry-After} when the database is unreachable anywhere in the
 * request, including before the controllers (authenticating a provider credential reads
 * the database in a security filter). Controllers' own database failures are answered the
 * same way by {@link ProblemHandler}. With short pool, socket, statement and lock
 * timeouts ({@code voucher.database.timeouts}), requests fail fast instead of piling up
 * while the database is away or stalled, and succeed again as soon as it is back.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class DatabaseOutageFilter extends OncePerRequestFilter {

	/** Seconds a client should wait before retrying while the database is away. */
	public static final String RETRY_AFTER_SECONDS = "5";

	private static final Logger logger = LoggerFactory.getLogger(DatabaseOutageFilter.class);

	private final JsonMapper json;

	DatabaseOutageFilter(JsonMapper json) {
		this.json = json;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		catch (ServletException | RuntimeException ex) {
			if (!isOutage(ex) || response.isCommitted()) {
				throw ex;
			}
			logger.warn("Database unavailable during {} {}: {}", request.getMethod(), request.getRequestURI(),
					ex.getMessage());
			writeUnavailable(response);
		}
	}

	/**
	 * Tells whether a failure comes from the database being unreachable.
	 * @param failure the failure
	 * @return whether its cause chain holds a connection failure
	 */
	public static boolean isOutage(@Nullable Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof CannotCreateTransactionException
					|| cause instanceof SQLTransientConnectionException) {
				return true;
			}
			// A statement or lock wait cut short by the timeouts that keep requests from
			// hanging on a stalled or overloaded database
			// (voucher.database.timeouts.requests).
			if (cause instanceof QueryTimeoutException || cause instanceof CannotAcquireLockException) {
				return true;
			}
			if (cause instanceof SQLException sql
					&& ("57014".equals(sql.getSQLState()) || "55P03".equals(sql.getSQLState()))) {
				return true;
			}
			// Class 08: connection exceptions; 57P01-57P03: the server is shutting down
			// or
			// starting (a pooled connection killed by a restart).
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P0"))) {
				return true;
			}
			// The pool's connection was killed under a running transaction: its rollback
			// then fails on a closed connection, and that failure replaces the first one.
			if (cause instanceof SQLException sql && sql.getSQLState() == null
					&& "Connection is closed".equals(sql.getMessage())) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	private void writeUnavailable(HttpServletResponse response) throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(ProblemCode.SERVICE_UNAVAILABLE.status(),
				"The database is not reachable; try again shortly.");
		problem.setType(ProblemCode.SERVICE_UNAVAILABLE.type());
		problem.setProperty("code", ProblemCode.SERVICE_UNAVAILABLE.name());
		response.resetBuffer();
		response.setStatus(ProblemCode.SERVICE_UNAVAILABLE.status().value());
		response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		this.json.writeValue(response.getOutputStream(), problem);
	}

}
