package io.voucher.api.admin;

import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Ends a user's console sessions. The sessions live in PostgreSQL (Spring Session JDBC),
 * indexed by user name, so ending them removes them for every node at once. Each request
 * of a session also checks its user again ({@code ConsoleSessionFilter}), so a session
 * that a failure here left behind still ends at its next request when its user was
 * disabled or got a new password. A run without a web server (a command such as
 * {@code export-bundles}) has no session repository; there, sessions end through that
 * check alone.
 */
@Component
class ConsoleSessions {

	private final ObjectProvider<FindByIndexNameSessionRepository<?>> sessions;

	ConsoleSessions(ObjectProvider<FindByIndexNameSessionRepository<?>> sessions) {
		this.sessions = sessions;
	}

	/**
	 * Ends every console session of a user once the current transaction commits (at once
	 * when there is none): a change that rolls back ends nothing.
	 * @param username the user's name as stored
	 */
	void endAllAfterCommit(String username) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			endAll(username);
			return;
		}
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCommit() {
				endAll(username);
			}
		});
	}

	/**
	 * Ends every console session of a user.
	 * @param username the user's name as stored
	 * @return how many sessions ended
	 */
	int endAll(String username) {
		FindByIndexNameSessionRepository<?> repository = this.sessions.getIfAvailable();
		if (repository == null) {
			return 0;
		}
		Set<String> ids = repository.findByPrincipalName(username).keySet();
		ids.forEach(repository::deleteById);
		return ids.size();
	}

}
