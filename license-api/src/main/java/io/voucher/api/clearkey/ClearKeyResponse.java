package io.voucher.api.clearkey;

import java.util.List;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The W3C EME Clear Key license (EME §9.1.4): a JSON Web Key Set of the granted content
 * keys, and the session type it is for.
 *
 * @param keys the keys granted
 * @param type the session type, as asked
 */
@Schema(name = "ClearKeyLicense", description = "The EME Clear Key license: a JWK Set of the granted keys")
record ClearKeyResponse(@ArraySchema(minItems = 1) List<Jwk> keys, @Schema(allowableValues = {
		"temporary", "persistent-license" }) String type){

	@Override
	public String toString() {
		return "ClearKeyResponse[" + this.keys.size() + " keys, " + this.type + "]";
	}

	/**
	 * One content key as a symmetric JWK (RFC 7517).
	 *
	 * @param kty always {@code oct}
	 * @param kid the key id, base64url of 16 bytes, no padding
	 * @param k the content key, base64url of 16 bytes, no padding
	 */
	@Schema(name = "ClearKeyJwk")
	record Jwk(@Schema(allowableValues = "oct") String kty,
			@Schema(description = "The key id: base64url, no padding", example = "nrQFDeRLSAKTLifXUIPiZg") String kid,
			@Schema(description = "The content key: base64url, no padding") String k) {

		@Override
		public String toString() {
			return "Jwk[" + this.kid + "]";
		}

	}

}
