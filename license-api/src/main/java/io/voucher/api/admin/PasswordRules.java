package io.voucher.api.admin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.voucher.api.web.ApiException;
import io.voucher.api.web.ProblemCode;

/**
 * The rules a new admin password must meet: 12 to 200 characters, and not trivially
 * guessable. A password passes when it is none of: one character or a short pattern
 * repeated, a run along the alphabet, the digits or a keyboard row, the user name, or one
 * of the most common passwords (the list shipped as {@code common-passwords.txt}), also
 * with digits or symbols around it. Length, not character classes, makes a password
 * strong: a phrase of a few words passes.
 */
final class PasswordRules {

	/** Shortest accepted password. */
	static final int MIN_LENGTH = 12;

	/**
	 * Longest accepted password: long enough for any pass phrase, short enough that
	 * hashing it costs nothing more than a short one.
	 */
	static final int MAX_LENGTH = 200;

	/** The longest pattern whose repetition is refused ("abcabcabcabc"). */
	private static final int MAX_PATTERN = 4;

	/**
	 * Runs a password must not be part of: the alphabet and the digits, both ways and
	 * wrapping round, and keyboard rows and columns.
	 */
	private static final List<String> RUNS = List.of(cycle("abcdefghijklmnopqrstuvwxyz"), cycle("0123456789"),
			cycle("zyxwvutsrqponmlkjihgfedcba"), cycle("9876543210"), cycle("qwertyuiopasdfghjklzxcvbnm"),
			cycle("azertyuiopqsdfghjklmwxcvbn"), cycle("qwertzuiopasdfghjklyxcvbnm"), cycle("1234567890qwertyuiop"),
			cycle("1q2w3e4r5t6y7u8i9o0p"), cycle("1qaz2wsx3edc4rfv5tgb6yhn7ujm8ik9ol0p"), cycle("!@#$%^&*()_+"),
			cycle("mnbvcxzlkjhgfdsapoiuytrewq"));

	private static final Set<String> COMMON = load();

	private PasswordRules() {
	}

	/**
	 * Refuses a password that breaks a rule.
	 * @param username the user the password is for
	 * @param password the new password
	 * @throws ApiException {@code VALIDATION_FAILED} when too long, {@code WEAK_PASSWORD}
	 * when too easy to guess
	 */
	static void check(String username, String password) {
		if (password.length() > MAX_LENGTH) {
			throw new ApiException(ProblemCode.VALIDATION_FAILED,
					"Passwords may be at most " + MAX_LENGTH + " characters long.");
		}
		String weakness = weakness(username, password);
		if (weakness != null) {
			throw new ApiException(ProblemCode.WEAK_PASSWORD, "The password is too easy to guess: " + weakness
					+ ". Use at least " + MIN_LENGTH + " characters, for example a few unrelated words.");
		}
	}

	/**
	 * Tells why a password is too easy to guess.
	 * @param username the user the password is for
	 * @param password the password
	 * @return the reason, or {@code null} when it passes
	 */
	static String weakness(String username, String password) {
		if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
			return "it is shorter than " + MIN_LENGTH + " characters";
		}
		String lower = password.toLowerCase(Locale.ROOT);
		if (isRepetition(lower, MAX_PATTERN)) {
			return "it repeats one character or a short pattern";
		}
		if (RUNS.stream().anyMatch((run) -> run.contains(lower))) {
			return "it is a simple sequence";
		}
		String name = username.toLowerCase(Locale.ROOT);
		if (!name.isEmpty() && lower.contains(name)
				&& lower.replace(name, "").codePoints().noneMatch(Character::isLetter)) {
			return "it is the user name";
		}
		String core = core(lower);
		if (COMMON.contains(lower) || COMMON.contains(core)
				|| COMMON.stream()
					.filter((common) -> common.length() < core.length())
					.anyMatch((common) -> isRepeatOf(core, common))) {
			return "it is one of the most common passwords";
		}
		return null;
	}

	/** The password without the digits and symbols before and after its letters. */
	private static String core(String password) {
		int start = 0;
		int end = password.length();
		while (start < end && !Character.isLetter(password.charAt(start))) {
			start++;
		}
		while (end > start && !Character.isLetter(password.charAt(end - 1))) {
			end--;
		}
		return password.substring(start, end);
	}

	private static boolean isRepetition(String text, int maxPattern) {
		for (int length = 1; length <= maxPattern && length < text.length(); length++) {
			if (isRepeatOf(text, text.substring(0, length))) {
				return true;
			}
		}
		return false;
	}

	/** Whether the text is the unit written out one or more times (a last one cut). */
	private static boolean isRepeatOf(String text, String unit) {
		if (unit.isEmpty() || text.length() < unit.length()) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) != unit.charAt(i % unit.length())) {
				return false;
			}
		}
		return true;
	}

	private static String cycle(String run) {
		// Long enough to hold any accepted password that runs along it, wrapping.
		return run.repeat(MAX_LENGTH / run.length() + 2);
	}

	private static Set<String> load() {
		Set<String> words = new HashSet<>();
		try (InputStream in = PasswordRules.class.getResourceAsStream("common-passwords.txt")) {
			if (in == null) {
				throw new IllegalStateException("common-passwords.txt is missing from the class path");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				String word = line.strip().toLowerCase(Locale.ROOT);
				if (!word.isEmpty() && !word.startsWith("#")) {
					words.add(word);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return Set.copyOf(words);
	}

}
