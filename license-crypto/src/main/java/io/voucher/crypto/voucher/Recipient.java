package io.voucher.crypto.voucher;

import java.security.PublicKey;

import io.voucher.crypto.group.GroupPublicKey;
import io.voucher.crypto.pki.DeviceCertificate;

/**
 * Whom a voucher's key block is encrypted to: a device (its certificate's key) or a group
 * generation (the group public key). It must match the license's binding.
 */
public sealed interface Recipient {

	/**
	 * A device recipient.
	 * @param device the validated device certificate
	 * @return the recipient
	 */
	static Recipient device(DeviceCertificate device) {
		return new DeviceRecipient(device);
	}

	/**
	 * A group recipient.
	 * @param groupKey the group's public key
	 * @return the recipient
	 */
	static Recipient group(GroupPublicKey groupKey) {
		return new GroupRecipient(groupKey);
	}

	/**
	 * The key the key block is encrypted to.
	 * @return the key
	 */
	PublicKey publicKey();

	/**
	 * The binding this recipient can open.
	 * @return the binding
	 */
	Binding binding();

	/**
	 * A device recipient.
	 *
	 * @param device the device certificate
	 */
	record DeviceRecipient(DeviceCertificate device) implements Recipient {

		@Override
		public PublicKey publicKey() {
			return this.device.publicKey();
		}

		@Override
		public Binding binding() {
			return Binding.device(this.device.fingerprint());
		}

	}

	/**
	 * A group recipient.
	 *
	 * @param groupKey the group public key
	 */
	record GroupRecipient(GroupPublicKey groupKey) implements Recipient {

		@Override
		public PublicKey publicKey() {
			return this.groupKey.key();
		}

		@Override
		public Binding binding() {
			return Binding.group(this.groupKey.groupId(), this.groupKey.generation());
		}

	}

}
