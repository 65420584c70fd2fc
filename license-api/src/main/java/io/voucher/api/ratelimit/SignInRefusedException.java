package io.voucher.api.ratelimit;

import java.time.Duration;

import io.voucher.api.web.ProblemCode;

import org.springframework.http.ProblemDetail;
import org.springframework.security.core.AuthenticationException;

/**
 * A sign-in refused without looking at the password, because its account or its client
 * address has failed too often: answered 429 {@code TOO_MANY_SIGN_IN_ATTEMPTS} with
 * {@code Retry-After}. The answer is the same whether or not the user exists.
 */
public class SignInRefusedException extends AuthenticationException {

	private final long retryAfterSeconds;

	SignInRefusedException(Duration retryAfter) {
		super("Too many failed sign-ins");
		this.retryAfterSeconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
	}

	/**
	 * Returns how long to wait before trying again.
	 * @return whole seconds, at least one
	 */
	public long retryAfterSeconds() {
		return this.retryAfterSeconds;
	}

	/**
	 * Returns the problem to answer.
	 * @return the problem, without its {@code instance}
	 */
	public ProblemDetail problem() {
		ProblemCode code = ProblemCode.TOO_MANY_SIGN_IN_ATTEMPTS;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(code.status(),
				"Too many failed sign-ins for this account or from this address; retry in " + this.retryAfterSeconds
						+ " s.");
		problem.setType(code.type());
		problem.setProperty("code", code.name());
		return problem;
	}

}
