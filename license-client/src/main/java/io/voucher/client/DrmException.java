package io.voucher.client;

import org.jspecify.annotations.Nullable;

/**
 * Every failure of the device SDK: a typed, stable {@link DrmError} and a message for
 * people. Messages never hold a secret (keys, passwords, tokens).
 */
public class DrmException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final DrmError error;

	private final @Nullable String platformCode;

	/**
	 * An error.
	 * @param error the error code
	 * @param message what happened
	 */
	public DrmException(DrmError error, String message) {
		this(error, message, null, null);
	}

	/**
	 * An error with its cause.
	 * @param error the error code
	 * @param message what happened
	 * @param cause the cause
	 */
	public DrmException(DrmError error, String message, @Nullable Throwable cause) {
		this(error, message, null, cause);
	}

	/**
	 * An error answered by the platform.
	 * @param error the error code
	 * @param message what happened
	 * @param platformCode the platform's problem {@code code} (or the license response's
	 * status)
	 * @param cause the cause
	 */
	public DrmException(DrmError error, String message, @Nullable String platformCode, @Nullable Throwable cause) {
		super(message, cause);
		this.error = error;
		this.platformCode = platformCode;
	}

	/**
	 * The error code.
	 * @return the error
	 */
	public DrmError error() {
		return this.error;
	}

	/**
	 * The stable number of the error.
	 * @return the number
	 */
	public int code() {
		return this.error.code();
	}

	/**
	 * The platform's own code when the platform refused (e.g. {@code DEVICE_REVOKED}).
	 * @return the code, or {@code null}
	 */
	public @Nullable String platformCode() {
		return this.platformCode;
	}

	@Override
	public String toString() {
		return "DrmException[" + this.error + " (" + this.error.code() + ")"
				+ ((this.platformCode != null) ? ", platform " + this.platformCode : "") + "]: " + getMessage();
	}

}
