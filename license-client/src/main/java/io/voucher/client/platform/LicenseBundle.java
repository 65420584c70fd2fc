package io.voucher.client.platform;

import java.util.List;

/**
 * An out-of-band bundle: the licenses pre-generated for a generated ID or a device group.
 *
 * @param version grows with every change of the bundle
 * @param licenses the licenses
 */
public record LicenseBundle(long version, List<BundledLicense> licenses) {

	public LicenseBundle {
		licenses = List.copyOf(licenses);
	}

}
