package io.voucher.domain.jobs;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tells whether the current thread runs background work (jobs and recurring tasks) rather
 * than a request. The database layer gives background work its own connections, whose
 * timeouts fit long batch statements, while requests keep timeouts of a few seconds.
 */
public final class BackgroundThreads {

	private static final ThreadLocal<Boolean> background = ThreadLocal.withInitial(() -> Boolean.FALSE);

	private BackgroundThreads() {
	}

	/**
	 * Tells whether the current thread runs background work.
	 * @return whether it does
	 */
	public static boolean current() {
		return background.get();
	}

	/**
	 * Runs work as background work on the current thread, for background work started
	 * outside the job scheduler.
	 * @param work the work
	 */
	public static void run(Runnable work) {
		boolean before = background.get();
		background.set(Boolean.TRUE);
		try {
			work.run();
		}
		finally {
			background.set(before);
		}
	}

	/**
	 * Makes daemon threads whose every task runs as background work.
	 * @param prefix the threads' name prefix
	 * @return the factory
	 */
	static ThreadFactory factory(String prefix) {
		AtomicInteger count = new AtomicInteger();
		return (task) -> {
			Thread thread = new Thread(() -> run(task), prefix + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
