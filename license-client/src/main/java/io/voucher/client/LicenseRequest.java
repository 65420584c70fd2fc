package io.voucher.client;

import java.util.List;
import java.util.Objects;

import io.voucher.crypto.group.GroupId;
import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.LicenseType;
import org.jspecify.annotations.Nullable;

/**
 * What an online license request asks for.
 *
 * @param contentId the content
 * @param licenseType STREAMING or OFFLINE
 * @param groupId a device group this device is a member of, to get a license bound to the
 * group (exportable to the other members), or {@code null} for one bound to this device
 * @param keyIds the key ids wanted; empty for every key the policy allows
 */
public record LicenseRequest(String contentId, LicenseType licenseType, @Nullable GroupId groupId, List<KeyId> keyIds) {

	public LicenseRequest {
		Objects.requireNonNull(licenseType, "licenseType");
		if (contentId.isBlank()) {
			throw new IllegalArgumentException("the content id is required");
		}
		keyIds = List.copyOf(keyIds);
	}

	/**
	 * An offline (persistent) license for this device, for every allowed key.
	 * @param contentId the content
	 * @return the request
	 */
	public static LicenseRequest offline(String contentId) {
		return new LicenseRequest(contentId, LicenseType.OFFLINE, null, List.of());
	}

	/**
	 * A streaming license for this device, for every allowed key.
	 * @param contentId the content
	 * @return the request
	 */
	public static LicenseRequest streaming(String contentId) {
		return new LicenseRequest(contentId, LicenseType.STREAMING, null, List.of());
	}

	/**
	 * The same request, for a license bound to a group.
	 * @param group the group
	 * @return the request
	 */
	public LicenseRequest forGroup(GroupId group) {
		return new LicenseRequest(this.contentId, this.licenseType, group, this.keyIds);
	}

}
