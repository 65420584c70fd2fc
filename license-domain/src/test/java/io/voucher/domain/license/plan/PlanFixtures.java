package io.voucher.domain.license.plan;

import java.util.Arrays;

import io.voucher.crypto.group.GroupId;
import io.voucher.crypto.keys.SecretBytes;
import io.voucher.crypto.pki.DeviceFingerprint;
import io.voucher.crypto.pki.SecurityLevel;
import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.TrackType;
import io.voucher.domain.content.ContentKeyMaterial;

/** Keys and recipients for the planner's tests. */
final class PlanFixtures {

	static final DeviceFingerprint FINGERPRINT = new DeviceFingerprint("A".repeat(43));

	static final GroupId GROUP = new GroupId("family");

	static final ContentKeyMaterial AUDIO = key(TrackType.AUDIO, 1);

	static final ContentKeyMaterial SD = key(TrackType.SD, 2);

	static final ContentKeyMaterial HD = key(TrackType.HD, 3);

	static final ContentKeyMaterial UHD1 = key(TrackType.UHD1, 4);

	private PlanFixtures() {
	}

	static ContentKeyMaterial key(TrackType track, int seed) {
		byte[] id = new byte[16];
		Arrays.fill(id, (byte) seed);
		byte[] key = new byte[16];
		Arrays.fill(key, (byte) (100 + seed));
		return new ContentKeyMaterial(track, new KeyId(id), SecretBytes.copyOf(key));
	}

	static LicenseTarget device(int level) {
		return LicenseTarget.device(FINGERPRINT, SecurityLevel.of(level));
	}

}
