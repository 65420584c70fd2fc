package io.voucher.api.ratelimit;

/**
 * One sign-in of an admin user. Never holds the password.
 *
 * @param username the user name as given
 * @param client the client address it counts against
 * @param channel {@code basic} or {@code session}
 */
public record SignInAttempt(String username, String client, String channel) {

}
