package io.voucher.domain.license;

/**
 * The challenge's nonce was used before: the challenge is a replay.
 */
public class ReplayedChallengeException extends RuntimeException {

	public ReplayedChallengeException() {
		super("The challenge was already used");
	}

}
