package io.voucher.client;

import java.util.List;

import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.pki.DeviceFingerprint;
import org.jspecify.annotations.Nullable;

/**
 * What a DRM reset purged. The app tells its provider the previous generated IDs, so that
 * the provider transfers their entitlements to the ID the device registers next.
 *
 * @param previousDevice the fingerprint of the purged certificate, or {@code null}
 * @param previousRegistrations the generated IDs registered before the reset
 * @param vouchers how many vouchers were purged
 * @param groups how many group credentials were purged
 */
public record ResetReport(@Nullable DeviceFingerprint previousDevice, List<GeneratedId> previousRegistrations,
		int vouchers, int groups) {

	public ResetReport {
		previousRegistrations = List.copyOf(previousRegistrations);
	}

	@Override
	public String toString() {
		return "ResetReport[device " + this.previousDevice + ", " + this.previousRegistrations.size()
				+ " registrations, " + this.vouchers + " vouchers, " + this.groups + " groups]";
	}

}
