package io.voucher.api.clearkey;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import io.voucher.api.web.ApiException;
import io.voucher.api.web.ProblemCode;
import io.voucher.crypto.voucher.KeyId;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The W3C EME Clear Key license request (EME §9.1.3): the key ids a session needs and the
 * session type.
 *
 * @param kids the key ids, base64url of 16 bytes, no padding
 * @param type {@code temporary} or {@code persistent-license}
 */
@Schema(name = "ClearKeyLicenseRequest",
		description = "The EME Clear Key license request, as the browser's CDM makes it (the raw message bytes "
				+ "of the license request event)")
record ClearKeyRequest(
		@ArraySchema(minItems = 1, maxItems = ClearKeyRequest.MAX_KIDS,
				schema = @Schema(description = "A key id: base64url of 16 bytes, no padding",
						example = "nrQFDeRLSAKTLifXUIPiZg")) List<String> kids,
		@Schema(description = "The session type; absent: temporary", allowableValues = {
				"temporary", "persistent-license" }) @Nullable String type){

	/** Most key ids one request may name; a real session names a handful. */
	static final int MAX_KIDS = 64;

	/** Largest body read; a request with {@value #MAX_KIDS} key ids is far smaller. */
	static final int MAX_BODY = 8192;

	/**
	 * Reads the raw request bytes, whatever content type the player sent them with.
	 * @param body the request body
	 * @param json the JSON mapper
	 * @return the request
	 * @throws ApiException {@code INVALID_CLEAR_KEY_REQUEST} when it is not one
	 */
	static ClearKeyRequest read(byte @Nullable [] body, JsonMapper json) {
		if (body == null || body.length == 0) {
			throw invalid("The body is empty: send the EME Clear Key license request");
		}
		if (body.length > MAX_BODY) {
			throw invalid("The body is larger than " + MAX_BODY + " bytes");
		}
		JsonNode root;
		try {
			root = json.readTree(body);
		}
		catch (JacksonException ex) {
			throw invalid("The body is not JSON");
		}
		if (root == null || !root.isObject()) {
			throw invalid("The body must be a JSON object with kids and type");
		}
		JsonNode kids = root.path("kids");
		if (!kids.isArray() || kids.isEmpty() || kids.size() > MAX_KIDS) {
			throw invalid("kids must be an array of 1 to " + MAX_KIDS + " key ids");
		}
		List<String> values = new ArrayList<>();
		for (JsonNode kid : kids) {
			if (!kid.isString()) {
				throw invalid("kids must hold strings: base64url key ids");
			}
			values.add(kid.asString());
		}
		JsonNode type = root.path("type");
		String sessionType = null;
		if (!type.isMissingNode() && !type.isNull()) {
			if (!type.isString() || !SessionType.isKnown(type.asString())) {
				throw invalid("type must be temporary or persistent-license");
			}
			sessionType = type.asString();
		}
		return new ClearKeyRequest(values, sessionType);
	}

	/**
	 * The key ids, decoded, each once, in the order asked.
	 * @return the key ids
	 */
	List<KeyId> keyIds() {
		Set<KeyId> keyIds = new LinkedHashSet<>();
		for (String kid : this.kids) {
			byte[] bytes;
			try {
				bytes = Base64.getUrlDecoder().decode(kid.replace('+', '-').replace('/', '_'));
			}
			catch (IllegalArgumentException ex) {
				throw invalid("A key id is not base64url");
			}
			if (bytes.length != KeyId.LENGTH) {
				throw invalid("A key id must be 16 bytes");
			}
			keyIds.add(new KeyId(bytes));
		}
		return new ArrayList<>(keyIds);
	}

	/**
	 * The session type asked for.
	 * @return the session type
	 */
	SessionType sessionType() {
		return (this.type != null) ? SessionType.of(this.type) : SessionType.TEMPORARY;
	}

	private static ApiException invalid(String message) {
		return new ApiException(ProblemCode.INVALID_CLEAR_KEY_REQUEST, message);
	}

	/** The EME session types a Clear Key license may be for. */
	enum SessionType {

		/** Kept in memory for one playback. */
		TEMPORARY("temporary"),
		/** Stored by the browser for offline playback. */
		PERSISTENT_LICENSE("persistent-license");

		private final String value;

		SessionType(String value) {
			this.value = value;
		}

		String value() {
			return this.value;
		}

		static boolean isKnown(String value) {
			for (SessionType type : values()) {
				if (type.value.equals(value)) {
					return true;
				}
			}
			return false;
		}

		static SessionType of(String value) {
			for (SessionType type : values()) {
				if (type.value.equals(value)) {
					return type;
				}
			}
			throw invalid("type must be temporary or persistent-license");
		}

	}

}
