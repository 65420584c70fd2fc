package io.voucher.domain.jobs;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Jobs run as background work (their own database timeouts), and a job stopped by the
 * database is told apart from a job that failed.
 */
class BackgroundWorkTests {

	@Test
	void threadsOfTheJobExecutorRunBackgroundWorkAndOthersDoNot() throws Exception {
		ExecutorService jobs = Executors.newSingleThreadExecutor(BackgroundThreads.factory("test-job-"));
		try {
			assertThat(jobs.submit(BackgroundThreads::current).get(1, TimeUnit.MINUTES)).isTrue();
		}
		finally {
			jobs.shutdownNow();
		}
		assertThat(BackgroundThreads.current()).isFalse();
		boolean[] inside = new boolean[1];
		BackgroundThreads.run(() -> inside[0] = BackgroundThreads.current());
		assertThat(inside[0]).isTrue();
		assertThat(BackgroundThreads.current()).as("restored after run").isFalse();
	}

	@Test
	void databaseOutagesAndTimeoutsResumeTheJobOtherFailuresFailIt() {
		SQLException ioError = new SQLException("An I/O error occurred while sending to the backend.", "08006",
				new SocketTimeoutException("Read timed out"));
		SQLException statementTimeout = new SQLException("canceling statement due to statement timeout", "57014");
		SQLException shutdown = new SQLException("terminating connection due to administrator command", "57P01");

		assertThat(JobRunner.isDatabaseUnavailable(new DataAccessResourceFailureException("lost", ioError))).isTrue();
		assertThat(JobRunner.isDatabaseUnavailable(new RuntimeException(ioError))).isTrue();
		assertThat(JobRunner.isDatabaseUnavailable(new RuntimeException(statementTimeout))).isTrue();
		assertThat(JobRunner.isDatabaseUnavailable(new RuntimeException(shutdown))).isTrue();
		assertThat(JobRunner.isDatabaseUnavailable(new QueryTimeoutException("timeout"))).isTrue();
		assertThat(JobRunner.isDatabaseUnavailable(new SQLTransientConnectionException("pool timeout"))).isTrue();

		assertThat(JobRunner.isDatabaseUnavailable(
				new DataIntegrityViolationException("duplicate", new SQLException("duplicate key", "23505"))))
			.isFalse();
		assertThat(JobRunner.isDatabaseUnavailable(new IllegalStateException("a bug"))).isFalse();
	}

}
