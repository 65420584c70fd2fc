package io.voucher.crypto.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * Raw JWS surgery for refusal tests.
 */
public final class Jws {

	private Jws() {
	}

	public static Map<String, Object> header(String compact) throws Exception {
		return JSONObjectUtils.parse(decode(compact.split("\\.")[0]));
	}

	public static Map<String, Object> payload(String compact) throws Exception {
		return JSONObjectUtils.parse(decode(compact.split("\\.")[1]));
	}

	/** Replaces the payload, keeping header and signature: a tampered object. */
	public static String withPayload(String compact, Map<String, Object> payload) {
		String[] parts = compact.split("\\.");
		return parts[0] + "." + encode(JSONObjectUtils.toJSONString(payload)) + "." + parts[2];
	}

	public static String encode(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}

	public static String decode(String part) {
		return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
	}

}
