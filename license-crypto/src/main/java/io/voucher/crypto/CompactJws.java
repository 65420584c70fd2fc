package io.voucher.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The one strict reading of "a compact JWS, or its base64" that the device SDK and the
 * server share (a license as the license response carries it, a challenge as the license
 * message's {@code payload}): three non-empty base64url segments separated by dots, or
 * the standard base64 (RFC 4648 §4, padding optional) of exactly that. Surrounding white
 * space is ignored; nothing else is skipped or repaired, unlike a MIME decoder.
 */
public final class CompactJws {

	private CompactJws() {
	}

	/**
	 * Reads a compact JWS given as itself or as its base64.
	 * @param text the text
	 * @return the compact JWS
	 * @throws IllegalArgumentException when it is neither, with a sentence saying why
	 * (never quoting the text)
	 */
	public static String parse(String text) {
		String trimmed = text.strip();
		if (trimmed.indexOf('.') >= 0) {
			return checked(trimmed, "not a compact JWS");
		}
		if (trimmed.isEmpty()) {
			throw new IllegalArgumentException("empty: neither a compact JWS nor its base64");
		}
		byte[] decoded;
		try {
			decoded = Base64.getDecoder().decode(trimmed);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("neither a compact JWS nor its base64");
		}
		return checked(new String(decoded, StandardCharsets.US_ASCII).strip(),
				"base64 of something that is not a compact JWS");
	}

	/**
	 * Reads a compact JWS given as the bytes of itself or of its base64.
	 * @param bytes the bytes (US-ASCII)
	 * @return the compact JWS
	 * @throws IllegalArgumentException when it is neither
	 */
	public static String parse(byte[] bytes) {
		for (byte b : bytes) {
			if (b < 0) {
				throw new IllegalArgumentException("not ASCII: neither a compact JWS nor its base64");
			}
		}
		return parse(new String(bytes, StandardCharsets.US_ASCII));
	}

	private static String checked(String compact, String problem) {
		int segments = 1;
		int length = 0;
		for (int i = 0; i < compact.length(); i++) {
			char c = compact.charAt(i);
			if (c == '.') {
				if (length == 0) {
					throw new IllegalArgumentException(problem + " (an empty segment)");
				}
				segments++;
				length = 0;
			}
			else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'
					|| c == '_') {
				length++;
			}
			else {
				throw new IllegalArgumentException(problem + " (a character outside base64url at position " + i + ")");
			}
		}
		if (segments != 3 || length == 0) {
			throw new IllegalArgumentException(
					problem + " (three non-empty segments expected, " + segments + " found)");
		}
		return compact;
	}

}
