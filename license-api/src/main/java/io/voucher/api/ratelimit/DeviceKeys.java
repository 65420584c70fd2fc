package io.voucher.api.ratelimit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Names the device a signed request claims to come from, cheaply and without verifying
 * anything: the fingerprint (base64url SHA-256) of the leaf certificate in the
 * {@code x5c} header of a compact JWS. The signature is verified later, by the endpoint;
 * a request that makes up its header only spends the bucket of the certificate it names.
 */
final class DeviceKeys {

	/** Longest JWS header read; a device chain of three certificates is far shorter. */
	private static final int MAX_HEADER_CHARACTERS = 32 * 1024;

	private final JsonMapper json;

	DeviceKeys(JsonMapper json) {
		this.json = json;
	}

	/**
	 * Returns the fingerprint of the leaf certificate a compact JWS names.
	 * @param jws a compact JWS, or anything else
	 * @return the fingerprint, or empty when the text is not a JWS with an {@code x5c}
	 */
	Optional<String> fingerprintOf(String jws) {
		int dot = jws.indexOf('.');
		if (dot <= 0 || dot > MAX_HEADER_CHARACTERS) {
			return Optional.empty();
		}
		try {
			byte[] header = Base64.getUrlDecoder().decode(jws.substring(0, dot).getBytes(StandardCharsets.US_ASCII));
			JsonNode leaf = this.json.readTree(header).path("x5c").path(0);
			if (!leaf.isString()) {
				return Optional.empty();
			}
			byte[] der = Base64.getDecoder().decode(leaf.asString());
			return Optional.of(Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(MessageDigest.getInstance("SHA-256").digest(der)));
		}
		catch (IllegalArgumentException | JacksonException ex) {
			return Optional.empty();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
		}
	}

	/**
	 * Returns the fingerprint of the leaf certificate of the JWS in one member of a JSON
	 * body.
	 * @param body the request body
	 * @param member the member holding a compact JWS
	 * @return the fingerprint, or empty when the body or the member is not what is
	 * expected
	 */
	Optional<String> fingerprintOf(byte[] body, String member) {
		try {
			JsonNode value = this.json.readTree(body).path(member);
			return value.isString() ? fingerprintOf(value.asString()) : Optional.empty();
		}
		catch (JacksonException ex) {
			return Optional.empty();
		}
	}

}
