package io.voucher.crypto.internal;

import com.nimbusds.jose.JWSHeader;

/**
 * A compact JWS as {@link Jose#parseJws} read it, not yet verified: its header (checked
 * against the module's rules), its signing input, and its decoded payload and signature.
 */
public final class ParsedJws {

	private final JWSHeader header;

	private final byte[] signingInput;

	private final byte[] payload;

	private final byte[] signature;

	ParsedJws(JWSHeader header, byte[] signingInput, byte[] payload, byte[] signature) {
		this.header = header;
		this.signingInput = signingInput;
		this.payload = payload;
		this.signature = signature;
	}

	/**
	 * The protected header.
	 * @return the header
	 */
	public JWSHeader header() {
		return this.header;
	}

	byte[] signingInput() {
		return this.signingInput;
	}

	byte[] payload() {
		return this.payload;
	}

	byte[] signature() {
		return this.signature;
	}

}
