package io.voucher.domain.license.plan;

import io.voucher.crypto.group.GroupId;
import io.voucher.crypto.pki.DeviceFingerprint;
import io.voucher.crypto.pki.SecurityLevel;
import io.voucher.crypto.voucher.Binding;
import org.jspecify.annotations.Nullable;

/**
 * Who a license is for: one device, or one key generation of a device group. The level
 * filter applies to the device that receives the license: the device itself, or the
 * member that asks for a group license online; a group license made with no member asking
 * (pre-generation) carries every key, and each member enforces the levels of the keys'
 * grants when it plays.
 */
public sealed interface LicenseTarget {

	/**
	 * A device.
	 * @param fingerprint its certificate's fingerprint
	 * @param securityLevel its certified security level
	 * @return the target
	 */
	static LicenseTarget device(DeviceFingerprint fingerprint, SecurityLevel securityLevel) {
		return new Device(fingerprint, securityLevel);
	}

	/**
	 * A group's current key generation.
	 * @param groupId the group
	 * @param generation the key generation
	 * @param requester the security level of the member asking, or {@code null} when none
	 * asks
	 * @return the target
	 */
	static LicenseTarget group(GroupId groupId, long generation, @Nullable SecurityLevel requester) {
		return new Group(groupId, generation, requester);
	}

	/**
	 * Keys delivered outside Voucher's license format (a W3C Clear Key answer to a
	 * browser): no device certificate, no binding; keys above the client's level are left
	 * out as for a device.
	 * @param clientLevel the level the client is taken to have (1 for a software client)
	 * @return the target
	 */
	static LicenseTarget unbound(SecurityLevel clientLevel) {
		return new Unbound(clientLevel);
	}

	/**
	 * The license's binding.
	 * @return the binding
	 * @throws IllegalStateException for an {@link Unbound} target, which has none
	 */
	Binding binding();

	/**
	 * The level keys are filtered by, if any.
	 * @return the receiving device's level, or {@code null} for none
	 */
	@Nullable SecurityLevel receivingLevel();

	/**
	 * A device.
	 *
	 * @param fingerprint its certificate's fingerprint
	 * @param securityLevel its certified security level
	 */
	record Device(DeviceFingerprint fingerprint, SecurityLevel securityLevel) implements LicenseTarget {

		@Override
		public Binding binding() {
			return Binding.device(this.fingerprint);
		}

		@Override
		public SecurityLevel receivingLevel() {
			return this.securityLevel;
		}

	}

	/**
	 * A group's key generation.
	 *
	 * @param groupId the group
	 * @param generation the key generation
	 * @param requester the level of the member asking, or {@code null}
	 */
	record Group(GroupId groupId, long generation, @Nullable SecurityLevel requester) implements LicenseTarget {

		@Override
		public Binding binding() {
			return Binding.group(this.groupId, this.generation);
		}

		@Override
		public @Nullable SecurityLevel receivingLevel() {
			return this.requester;
		}

	}

	/**
	 * Keys delivered outside Voucher's format, to a client of the given level.
	 *
	 * @param clientLevel the client's level
	 */
	record Unbound(SecurityLevel clientLevel) implements LicenseTarget {

		@Override
		public Binding binding() {
			throw new IllegalStateException("Keys delivered outside Voucher's license format are bound to nothing");
		}

		@Override
		public SecurityLevel receivingLevel() {
			return this.clientLevel;
		}

	}

}
