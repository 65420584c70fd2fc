package io.voucher.domain.provider;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The format of provider bearer tokens: {@code vch_<prefix>_<secret>}, where the prefix
 * (10 lower-case base32 characters) identifies the credential and the secret is 32 random
 * bytes in base64url. Secrets have full entropy, so a plain SHA-256 of the secret is a
 * sufficient stored verifier (no slow hash needed).
 */
final class CredentialToken {

	private static final Pattern FORMAT = Pattern.compile("vch_([a-z2-7]{10})_([A-Za-z0-9_-]{43})");

	private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

	private static final SecureRandom random = new SecureRandom();

	private CredentialToken() {
	}

	static String newPrefix() {
		char[] prefix = new char[10];
		for (int i = 0; i < prefix.length; i++) {
			prefix[i] = BASE32[random.nextInt(BASE32.length)];
		}
		return new String(prefix);
	}

	static String newSecret() {
		byte[] secret = new byte[32];
		random.nextBytes(secret);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
	}

	static String token(String prefix, String secret) {
		return "vch_" + prefix + "_" + secret;
	}

	/**
	 * Splits a token into prefix and secret, if it has the format.
	 */
	static Optional<String[]> parse(String token) {
		Matcher matcher = FORMAT.matcher(token);
		return matcher.matches() ? Optional.of(new String[] { matcher.group(1), matcher.group(2) }) : Optional.empty();
	}

	static byte[] hash(String secret) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is always available", ex);
		}
	}

}
