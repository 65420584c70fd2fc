package io.voucher.api.web;

import org.jspecify.annotations.Nullable;

/**
 * An error answered as an RFC 9457 problem with a stable {@link ProblemCode}. Its message
 * is shown to the client, so it must never carry a secret.
 */
public class ApiException extends RuntimeException {

	private final ProblemCode code;

	public ApiException(ProblemCode code, String message) {
		this(code, message, null);
	}

	public ApiException(ProblemCode code, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.code = code;
	}

	/**
	 * Returns the stable code of this error.
	 * @return the code
	 */
	public ProblemCode code() {
		return this.code;
	}

}
