package io.voucher.crypto.voucher;

import java.util.LinkedHashMap;
import java.util.Map;

import io.voucher.crypto.internal.Jose;
import io.voucher.crypto.internal.JsonWriter;
import io.voucher.crypto.keys.SigningKeyRing;

/**
 * Issues vouchers (server side): one JWE carrying all content keys as a JWK set to the
 * recipient (one key agreement per license), the license id in its protected header,
 * inside a JWS signed with the active license signing key.
 */
public final class VoucherIssuer {

	/** The {@code typ} header of a voucher. */
	public static final String TYPE = "voucher-license+jwt";

	/** The {@code cty} of the key block. */
	public static final String KEY_BLOCK_CONTENT_TYPE = "jwk-set+json";

	/** The protected header parameter of the key block naming the license id. */
	public static final String LICENSE_ID_HEADER = "lid";

	private final SigningKeyRing signingKeys;

	/**
	 * Creates an issuer.
	 * @param signingKeys the license signing keys
	 */
	public VoucherIssuer(SigningKeyRing signingKeys) {
		this.signingKeys = signingKeys;
	}

	/**
	 * Issues a voucher.
	 * @param spec the license spec
	 * @param recipient the device or group the keys are encrypted to; it must match the
	 * binding
	 * @return the voucher
	 * @throws IllegalArgumentException if the recipient does not match the spec's binding
	 */
	public IssuedVoucher issue(LicenseSpec spec, Recipient recipient) {
		LicenseTerms terms = spec.terms();
		if (!recipient.binding().equals(terms.binding())) {
			throw new IllegalArgumentException("the recipient does not match the license binding");
		}
		Map<String, Object> headers = new LinkedHashMap<>();
		headers.put(LICENSE_ID_HEADER, terms.licenseId());
		String keyBlock = Jose.encrypt(recipient.publicKey(), KEY_BLOCK_CONTENT_TYPE, headers,
				JsonWriter.write(VoucherClaims.keySet(spec.contentKeys())));
		String compact = this.signingKeys.sign(TYPE, VoucherClaims.toClaims(terms, keyBlock));
		return new IssuedVoucher(terms.licenseId(), compact);
	}

}
