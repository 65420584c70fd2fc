package io.voucher.crypto.internal;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Typed reading of JSON claims; a missing or mistyped claim raises
 * {@link IllegalArgumentException}.
 */
public final class Claims {

	/** 9999-12-31T23:59:59Z, the last second a JWT NumericDate is read as. */
	static final long MAX_EPOCH_SECOND = 253_402_300_799L;

	private static final double LONG_MIN_AS_DOUBLE = -0x1p63;

	private static final double LONG_MAX_AS_DOUBLE = 0x1p63;

	private final Map<String, Object> claims;

	public Claims(Map<String, Object> claims) {
		this.claims = claims;
	}

	public String string(String name) {
		String value = optionalString(name);
		if (value == null) {
			throw new IllegalArgumentException("claim " + name + " is missing");
		}
		return value;
	}

	public @Nullable String optionalString(String name) {
		Object value = this.claims.get(name);
		if (value == null) {
			return null;
		}
		if (!(value instanceof String text)) {
			throw new IllegalArgumentException("claim " + name + " is not a string");
		}
		return text;
	}

	public long number(String name) {
		Object value = this.claims.get(name);
		if (!(value instanceof Number number)) {
			throw new IllegalArgumentException("claim " + name + " is missing or not a number");
		}
		if (number instanceof Long || number instanceof Integer || number instanceof Short || number instanceof Byte) {
			return number.longValue();
		}
		if (number instanceof BigInteger big) {
			if (big.bitLength() > 63) {
				throw new IllegalArgumentException("claim " + name + " is out of range");
			}
			return big.longValue();
		}
		double real = number.doubleValue();
		if (real != Math.rint(real)) {
			throw new IllegalArgumentException("claim " + name + " is not an integer");
		}
		// Long.longValue() saturates at the bounds instead of failing: refuse them here.
		if (!(real > LONG_MIN_AS_DOUBLE && real < LONG_MAX_AS_DOUBLE)) {
			throw new IllegalArgumentException("claim " + name + " is out of range");
		}
		return number.longValue();
	}

	/**
	 * Reads a JWT NumericDate: whole seconds from 1970-01-01T00:00:00Z up to the end of
	 * year 9999. Anything else, however well-formed as a number, is not a plausible time
	 * and is refused like any other malformed claim.
	 * @param name the claim
	 * @return the instant
	 * @throws IllegalArgumentException if missing, not an integer or out of range
	 */
	public Instant time(String name) {
		long seconds = number(name);
		if (seconds < 0 || seconds > MAX_EPOCH_SECOND) {
			throw new IllegalArgumentException("claim " + name + " is not a time between 1970 and 9999");
		}
		return Instant.ofEpochSecond(seconds);
	}

	public <E extends Enum<E>> E enumValue(String name, Class<E> type) {
		return Enum.valueOf(type, string(name));
	}

	public List<String> strings(String name) {
		Object value = this.claims.get(name);
		if (!(value instanceof List<?> list)) {
			throw new IllegalArgumentException("claim " + name + " is missing or not an array");
		}
		List<String> result = new ArrayList<>();
		for (Object item : list) {
			if (!(item instanceof String text)) {
				throw new IllegalArgumentException("claim " + name + " holds a non-string");
			}
			result.add(text);
		}
		return result;
	}

	public List<Claims> objects(String name) {
		Object value = this.claims.get(name);
		if (!(value instanceof List<?> list)) {
			throw new IllegalArgumentException("claim " + name + " is missing or not an array");
		}
		List<Claims> result = new ArrayList<>();
		for (Object item : list) {
			result.add(new Claims(asObject(name, item)));
		}
		return result;
	}

	public Claims object(String name) {
		return new Claims(asObject(name, this.claims.get(name)));
	}

	public Map<String, Object> raw() {
		return this.claims;
	}

	public boolean has(String name) {
		return this.claims.get(name) != null;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> asObject(String name, @Nullable Object value) {
		if (!(value instanceof Map<?, ?> map)) {
			throw new IllegalArgumentException("claim " + name + " is missing or not an object");
		}
		Map<String, Object> result = new LinkedHashMap<>();
		((Map<String, Object>) map).forEach(result::put);
		return result;
	}

}
