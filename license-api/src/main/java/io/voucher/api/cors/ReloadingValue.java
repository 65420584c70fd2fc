package io.voucher.api.cors;

import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A value read from the database and kept for a while: reloaded when older than its
 * maximum age, or at once after {@link #forget()}. One request reloads while the others
 * go on with the old value; when the database is down, the old value is kept and the next
 * request after the maximum age tries again.
 *
 * @param <T> the value
 */
public final class ReloadingValue<T> {

	private static final Logger logger = LoggerFactory.getLogger(ReloadingValue.class);

	private final String what;

	private final Duration maxAge;

	private final Supplier<T> loader;

	private final @Nullable T whenNothingKnown;

	private final ReentrantLock loading = new ReentrantLock();

	private volatile @Nullable Loaded<T> loaded;

	/**
	 * A value not loaded yet.
	 * @param what what the value is, for the log line of a failed reload
	 * @param maxAge how long a value is used before it is reloaded: how stale another
	 * node's change may be here
	 * @param loader reads the value; its exceptions are a failed reload
	 * @param whenNothingKnown the value to use, until the next request, when the first
	 * load fails; {@code null} to let that failure propagate
	 */
	public ReloadingValue(String what, Duration maxAge, Supplier<T> loader, @Nullable T whenNothingKnown) {
		this.what = what;
		this.maxAge = maxAge;
		this.loader = loader;
		this.whenNothingKnown = whenNothingKnown;
	}

	/**
	 * The value, reloaded first if it is too old.
	 * @return the value
	 */
	public T get() {
		Loaded<T> cached = this.loaded;
		if (cached != null && !cached.isOlderThan(this.maxAge)) {
			return cached.value();
		}
		if (cached != null && !this.loading.tryLock()) {
			// Another request is reloading; a few more answers from the old value are
			// fine.
			return cached.value();
		}
		if (cached == null) {
			this.loading.lock();
		}
		try {
			Loaded<T> again = this.loaded;
			if (again != null && again != cached && !again.isOlderThan(this.maxAge)) {
				return again.value();
			}
			Loaded<T> fresh = load(cached);
			this.loaded = fresh;
			return fresh.value();
		}
		finally {
			this.loading.unlock();
		}
	}

	/** Forgets the value, so that the next request sees a change made on this node. */
	public void forget() {
		this.loaded = null;
	}

	private Loaded<T> load(@Nullable Loaded<T> previous) {
		try {
			return new Loaded<>(this.loader.get(), System.nanoTime());
		}
		catch (RuntimeException ex) {
			// The database is down: keep answering with what was known, try again later.
			logger.warn("Could not reload {}: {}", this.what, ex.getMessage());
			if (previous != null) {
				return new Loaded<>(previous.value(), System.nanoTime());
			}
			if (this.whenNothingKnown != null) {
				// Already too old: the next request tries again.
				return new Loaded<>(this.whenNothingKnown, System.nanoTime() - this.maxAge.toNanos() - 1);
			}
			throw ex;
		}
	}

	private record Loaded<T>(T value, long loadedAtNanos) {

		boolean isOlderThan(Duration age) {
			return System.nanoTime() - this.loadedAtNanos > age.toNanos();
		}

	}

}
