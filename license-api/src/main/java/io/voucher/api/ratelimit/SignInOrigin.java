package io.voucher.api.ratelimit;

/**
 * Where a sign-in comes from: the client address it counts against and the way it signs
 * in. Spring Security carries it as the authentication request's details.
 *
 * @param client the client address (see {@link SignInThrottle#clientOf})
 * @param channel {@code basic} or {@code session}
 */
public record SignInOrigin(String client, String channel) {

	/** The channel of HTTP Basic sign-ins. */
	public static final String BASIC = "basic";

	/** The channel of console session sign-ins. */
	public static final String SESSION = "session";

	/**
	 * Returns the sign-in of a user name from here.
	 * @param username the user name as given
	 * @return the attempt
	 */
	public SignInAttempt attempt(String username) {
		return new SignInAttempt(username, this.client, this.channel);
	}

}
