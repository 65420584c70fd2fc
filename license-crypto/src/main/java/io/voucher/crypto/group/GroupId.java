package io.voucher.crypto.group;

/**
 * The id of a device group (domain).
 *
 * @param value 1 to 128 printable characters
 */
public record GroupId(String value) {

	public GroupId {
		if (value.isBlank() || value.length() > 128) {
			throw new IllegalArgumentException("a group id is 1 to 128 characters");
		}
	}

	@Override
	public String toString() {
		return this.value;
	}

}
