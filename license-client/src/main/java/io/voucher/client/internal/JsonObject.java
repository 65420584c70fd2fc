package io.voucher.client.internal;

import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;
import org.jspecify.annotations.Nullable;

/**
 * A read-only view of a JSON object with typed getters that throw
 * {@link IllegalArgumentException} on a missing or mistyped member. The parser is the one
 * Nimbus JOSE bundles: license-crypto already depends on it, so the device SDK needs no
 * JSON library of its own.
 */
public final class JsonObject {

	private final Map<String, Object> members;

	private JsonObject(Map<String, Object> members) {
		this.members = members;
	}

	/**
	 * Parses JSON text that must be an object.
	 * @param text the JSON
	 * @return the object
	 * @throws IllegalArgumentException if it is not a JSON object
	 */
	public static JsonObject parse(String text) {
		try {
			return new JsonObject(JSONObjectUtils.parse(text));
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("not a JSON object", ex);
		}
	}

	/**
	 * Writes a map as JSON text.
	 * @param members the members (strings, numbers, booleans, lists, maps)
	 * @return the JSON
	 */
	public static String write(Map<String, ?> members) {
		return JSONObjectUtils.toJSONString(new LinkedHashMap<>(members));
	}

	public boolean has(String name) {
		return this.members.get(name) != null;
	}

	public String string(String name) {
		if (!(this.members.get(name) instanceof String value)) {
			throw new IllegalArgumentException("'" + name + "' is missing or not a string");
		}
		return value;
	}

	public @Nullable String optionalString(String name) {
		return has(name) ? string(name) : null;
	}

	public long number(String name) {
		if (!(this.members.get(name) instanceof Number value)) {
			throw new IllegalArgumentException("'" + name + "' is missing or not a number");
		}
		return value.longValue();
	}

	public boolean bool(String name) {
		if (!(this.members.get(name) instanceof Boolean value)) {
			throw new IllegalArgumentException("'" + name + "' is missing or not a boolean");
		}
		return value;
	}

	/**
	 * An instant written as ISO-8601 text or as epoch seconds.
	 * @param name the member
	 * @return the instant
	 */
	public Instant instant(String name) {
		Object value = this.members.get(name);
		if (value instanceof Number seconds) {
			return Instant.ofEpochSecond(seconds.longValue());
		}
		if (value instanceof String text) {
			return Instant.parse(text);
		}
		throw new IllegalArgumentException("'" + name + "' is missing or not a time");
	}

	public @Nullable Instant optionalInstant(String name) {
		return has(name) ? instant(name) : null;
	}

	public JsonObject object(String name) {
		if (!(this.members.get(name) instanceof Map<?, ?> value)) {
			throw new IllegalArgumentException("'" + name + "' is missing or not an object");
		}
		return of(value);
	}

	public List<JsonObject> objects(String name) {
		List<JsonObject> result = new ArrayList<>();
		for (Object item : list(name)) {
			if (!(item instanceof Map<?, ?> map)) {
				throw new IllegalArgumentException("'" + name + "' holds something else than objects");
			}
			result.add(of(map));
		}
		return result;
	}

	public List<String> strings(String name) {
		List<String> result = new ArrayList<>();
		for (Object item : list(name)) {
			if (!(item instanceof String text)) {
				throw new IllegalArgumentException("'" + name + "' holds something else than strings");
			}
			result.add(text);
		}
		return result;
	}

	private List<?> list(String name) {
		Object value = this.members.get(name);
		if (value == null) {
			return List.of();
		}
		if (!(value instanceof List<?> list)) {
			throw new IllegalArgumentException("'" + name + "' is not an array");
		}
		return list;
	}

	@SuppressWarnings("unchecked")
	private static JsonObject of(Map<?, ?> map) {
		return new JsonObject((Map<String, Object>) map);
	}

	@Override
	public String toString() {
		return "JsonObject" + this.members.keySet();
	}

}
