package io.voucher.crypto.pki;

import io.voucher.crypto.CryptoException;

/**
 * A certificate or certificate chain was refused; {@link #reason()} says why.
 */
public class CertificateRejectedException extends CryptoException {

	private static final long serialVersionUID = 1L;

	private final Reason reason;

	public CertificateRejectedException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public CertificateRejectedException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	@Override
	public Reason reason() {
		return this.reason;
	}

	@Override
	protected String area() {
		return "certificate";
	}

	/**
	 * Why a certificate was refused.
	 */
	public enum Reason {

		/** The chain is empty or a certificate cannot be parsed. */
		MALFORMED,

		/** The chain does not end at a trusted root. */
		UNKNOWN_ROOT,

		/** A certificate of the chain is past its notAfter. */
		EXPIRED,

		/** A certificate of the chain is before its notBefore. */
		NOT_YET_VALID,

		/** A signature of the chain does not verify with its issuer's key. */
		BAD_SIGNATURE,

		/**
		 * An issuing certificate is not a CA (basic constraints), or the chain is too
		 * long.
		 */
		NOT_A_CA,

		/** A key usage does not allow what the certificate is used for. */
		WRONG_KEY_USAGE,

		/** An RSA key under 2048 bits. */
		WEAK_KEY,

		/** A key that is neither EC P-256 nor RSA. */
		UNSUPPORTED_KEY,

		/**
		 * The device certificate lacks the device attributes extension, make or model.
		 */
		MISSING_DEVICE_ATTRIBUTES,

		/** A certificate has a critical extension this validator does not process. */
		UNKNOWN_CRITICAL_EXTENSION

	}

}
