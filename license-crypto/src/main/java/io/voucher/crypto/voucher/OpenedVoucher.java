package io.voucher.crypto.voucher;

import java.util.List;
import java.util.Optional;

/**
 * A voucher opened on the device: its verified terms and its content keys.
 *
 * @param terms the license terms
 * @param contentKeys the content keys, in the order of the terms' key entries
 */
public record OpenedVoucher(LicenseTerms terms, List<ContentKey> contentKeys) {

	public OpenedVoucher {
		contentKeys = List.copyOf(contentKeys);
	}

	/**
	 * The content key with a key id.
	 * @param keyId the key id
	 * @return the key, if the license has it
	 */
	public Optional<ContentKey> key(KeyId keyId) {
		return this.contentKeys.stream().filter((key) -> key.keyId().equals(keyId)).findFirst();
	}

}
