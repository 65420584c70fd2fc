package io.voucher.crypto.internal;

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
		if (number.doubleValue() != Math.rint(number.doubleValue())) {
			throw new IllegalArgumentException("claim " + name + " is not an integer");
		}
		return number.longValue();
	}

	public Instant time(String name) {
		return Instant.ofEpochSecond(number(name));
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
