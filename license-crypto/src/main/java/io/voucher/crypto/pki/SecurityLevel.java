package io.voucher.crypto.pki;

/**
 * A Widevine-style device security level, 1 (software crypto) to 5 (hardware secure all).
 *
 * @param value the level, 1 to 5
 */
public record SecurityLevel(int value) implements Comparable<SecurityLevel> {

	/** The lowest level. */
	public static final int MIN = 1;

	/** The highest level. */
	public static final int MAX = 5;

	public SecurityLevel {
		if (value < MIN || value > MAX) {
			throw new IllegalArgumentException("security level must be 1 to 5, was " + value);
		}
	}

	/**
	 * The level of a number.
	 * @param value 1 to 5
	 * @return the level
	 */
	public static SecurityLevel of(int value) {
		return new SecurityLevel(value);
	}

	/**
	 * Whether this (a device's level) meets a required level.
	 * @param required the required level
	 * @return whether it does
	 */
	public boolean satisfies(SecurityLevel required) {
		return this.value >= required.value;
	}

	@Override
	public int compareTo(SecurityLevel other) {
		return Integer.compare(this.value, other.value);
	}

}
