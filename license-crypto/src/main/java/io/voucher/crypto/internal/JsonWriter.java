package io.voucher.crypto.internal;

import java.util.Collection;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * Writes the module's JSON objects (claims, JWK sets, JOSE headers) without a reflective
 * serializer: strings, booleans, integers, finite doubles, maps with string keys and
 * collections, nested. Anything else is handed, whole, to Nimbus's serializer, so the
 * output is always what Nimbus would accept. Output is plain RFC 8259 JSON: every string
 * escaped as needed ({@code "}, {@code \}, control characters), nothing else.
 */
public final class JsonWriter {

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private JsonWriter() {
	}

	/**
	 * The JSON text of an object.
	 * @param object the object
	 * @return the JSON text
	 */
	public static String write(Map<String, ?> object) {
		StringBuilder json = new StringBuilder(256);
		if (!append(json, object)) {
			return JSONObjectUtils.toJSONString(object);
		}
		return json.toString();
	}

	/**
	 * Appends a value, or tells that it cannot.
	 * @return false if some nested value is not of a supported type
	 */
	private static boolean append(StringBuilder json, Object value) {
		if (value instanceof String text) {
			appendString(json, text);
		}
		else if (value instanceof Boolean || value instanceof Long || value instanceof Integer || value instanceof Short
				|| value instanceof Byte) {
			json.append(value);
		}
		else if (value instanceof Double number && Double.isFinite(number)) {
			json.append(number.doubleValue());
		}
		else if (value instanceof Map<?, ?> map) {
			json.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				if (!(entry.getKey() instanceof String key)) {
					return false;
				}
				if (!first) {
					json.append(',');
				}
				first = false;
				appendString(json, key);
				json.append(':');
				if (!append(json, entry.getValue())) {
					return false;
				}
			}
			json.append('}');
		}
		else if (value instanceof Collection<?> list) {
			json.append('[');
			boolean first = true;
			for (Object item : list) {
				if (!first) {
					json.append(',');
				}
				first = false;
				if (!append(json, item)) {
					return false;
				}
			}
			json.append(']');
		}
		else if (value == null) {
			json.append("null");
		}
		else {
			return false;
		}
		return true;
	}

	private static void appendString(StringBuilder json, String text) {
		json.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				json.append('\\').append(c);
			}
			else if (c < 0x20) {
				json.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
			}
			else {
				json.append(c);
			}
		}
		json.append('"');
	}

}
