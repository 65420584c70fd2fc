package io.voucher.crypto.voucher;

import io.voucher.crypto.group.GroupId;
import io.voucher.crypto.pki.DeviceFingerprint;

/**
 * What a license is bound to: one device certificate, or one generation of a group key.
 */
public sealed interface Binding {

	/**
	 * Binds to a device.
	 * @param fingerprint the device certificate's fingerprint
	 * @return the binding
	 */
	static Binding device(DeviceFingerprint fingerprint) {
		return new DeviceBinding(fingerprint);
	}

	/**
	 * Binds to a group generation.
	 * @param groupId the group
	 * @param generation the key generation
	 * @return the binding
	 */
	static Binding group(GroupId groupId, long generation) {
		return new GroupBinding(groupId, generation);
	}

	/**
	 * Bound to one device certificate.
	 *
	 * @param fingerprint the device certificate's fingerprint
	 */
	record DeviceBinding(DeviceFingerprint fingerprint) implements Binding {
	}

	/**
	 * Bound to one generation of a group key.
	 *
	 * @param groupId the group
	 * @param generation the key generation
	 */
	record GroupBinding(GroupId groupId, long generation) implements Binding {

		public GroupBinding {
			if (generation < 1) {
				throw new IllegalArgumentException("generations start at 1");
			}
		}

	}

}
