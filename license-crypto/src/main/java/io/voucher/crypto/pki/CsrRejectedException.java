package io.voucher.crypto.pki;

import io.voucher.crypto.CryptoException;

/**
 * A PKCS#10 certificate signing request was refused by the Device CA.
 */
public class CsrRejectedException extends CryptoException {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	public CsrRejectedException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public CsrRejectedException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	@Override
	public Reason reason() {
		return this.reason;
	}

	@Override
	protected String area() {
		return "csr";
	}

	/**
	 * Why a request was refused.
	 */
	public enum Reason {

		/** Not a DER PKCS#10 request. */
		MALFORMED,

		/** The proof of possession (the request's signature) does not verify. */
		BAD_SIGNATURE,

		/** An RSA key under 2048 bits. */
		WEAK_KEY,

		/** A key that is neither EC P-256 nor RSA. */
		UNSUPPORTED_KEY

	}

}
