package io.voucher.crypto.challenge;

import java.util.regex.Pattern;

import io.voucher.crypto.internal.KeySupport;
import io.voucher.crypto.keys.SecretBytes;

/**
 * The random identifier an app generates for itself and registers with its device
 * certificate (Primetime's generated ID). It is the only secret that ties a device to its
 * out-of-band bundle, so it must carry at least 128 random bits: 22 to 64 characters of
 * the base64url alphabet.
 *
 * @param value the identifier
 */
public record GeneratedId(String value) {

	private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9_-]{22,64}");

	/**
	 * Validates the identifier.
	 * @throws IllegalArgumentException when it is not 22 to 64 base64url characters, or
	 * plainly not random (a single repeated character)
	 */
	public GeneratedId {
		if (value == null || !FORMAT.matcher(value).matches()) {
			throw new IllegalArgumentException("a generated id is 22 to 64 characters of A-Z, a-z, 0-9, '-' and '_'");
		}
		if (value.chars().distinct().count() < 8) {
			throw new IllegalArgumentException("a generated id must be random: it has too few distinct characters");
		}
	}

	/**
	 * A new random identifier: 32 random bytes in base64url (43 characters).
	 * @return the identifier
	 */
	public static GeneratedId random() {
		while (true) {
			String candidate = KeySupport.base64Url(SecretBytes.random(32).toByteArray());
			if (candidate.chars().distinct().count() >= 8) {
				return new GeneratedId(candidate);
			}
		}
	}

	@Override
	public String toString() {
		return this.value;
	}

}
