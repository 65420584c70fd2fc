package io.voucher.crypto.internal;

import java.security.PrivateKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Lets the module's packages reach the private key inside an opaque key handle (a device
 * key, a group key) without a public accessor on the handle. Each handle class registers
 * itself once, in its static initializer.
 */
public final class PrivateKeys {

	private static final Map<Class<?>, Function<Object, PrivateKey>> ACCESSORS = new ConcurrentHashMap<>();

	private PrivateKeys() {
	}

	/**
	 * Registers the accessor of a handle class; later registrations of the same class are
	 * ignored.
	 * @param <T> the handle type
	 * @param type the handle class
	 * @param accessor reads the key of a handle
	 */
	public static <T> void register(Class<T> type, Function<T, PrivateKey> accessor) {
		ACCESSORS.putIfAbsent(type, (handle) -> accessor.apply(type.cast(handle)));
	}

	/**
	 * The private key of a handle.
	 * @param handle the handle
	 * @return its key
	 */
	public static PrivateKey of(Object handle) {
		Function<Object, PrivateKey> accessor = ACCESSORS.get(handle.getClass());
		if (accessor == null) {
			throw new IllegalStateException("not a key handle: " + handle.getClass());
		}
		return accessor.apply(handle);
	}

}
