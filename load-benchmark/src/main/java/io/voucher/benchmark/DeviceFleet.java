package io.voucher.benchmark;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.voucher.crypto.challenge.Challenge;
import io.voucher.crypto.pki.CertificatePem;
import io.voucher.crypto.pki.DeviceCa;
import io.voucher.crypto.pki.DeviceIdentity;
import io.voucher.crypto.pki.DeviceKeyPair;
import io.voucher.crypto.pki.DeviceProfile;
import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.KeyType;
import io.voucher.crypto.pki.SecurityLevel;

/**
 * Simulated EC P-256 devices of one manufacturer: a manufacturer root (with an
 * intermediate CA) that the platform is told to trust, and devices whose certificates it
 * issued. Makes fresh, signed challenges, each with its own nonce, round robin over the
 * devices so that no device exceeds the platform's per-device rate limit.
 */
final class DeviceFleet {

	private final DeviceCa manufacturer;

	private final List<DeviceIdentity> devices;

	private final AtomicInteger next = new AtomicInteger();

	private DeviceFleet(DeviceCa manufacturer, List<DeviceIdentity> devices) {
		this.manufacturer = manufacturer;
		this.devices = devices;
	}

	/**
	 * A manufacturer and its devices, made on every processor.
	 * @param count how many devices
	 * @return the fleet
	 */
	static DeviceFleet create(int count) {
		DeviceCa manufacturer = DeviceCa.generate("Bench Manufacturer", true, Clock.systemUTC());
		DeviceProfile profile = new DeviceProfile("Bench", "Player", SecurityLevel.of(3), HdcpVersion.HDCP_V2);
		List<DeviceIdentity> devices = IntStream.range(0, count).parallel().mapToObj((i) -> {
			DeviceKeyPair keys = DeviceKeyPair.generate(KeyType.EC_P256);
			return keys.certified(manufacturer.issue(keys.publicKey(), profile));
		}).toList();
		return new DeviceFleet(manufacturer, devices);
	}

	X509Certificate root() {
		return this.manufacturer.root();
	}

	String rootPem() {
		return CertificatePem.encode(List.of(root()));
	}

	int size() {
		return this.devices.size();
	}

	/**
	 * One fresh challenge, issued now, from the next device in turn.
	 * @param contentId the content it asks for
	 * @return the compact JWS challenge
	 */
	String challenge(String contentId) {
		int index = this.next.getAndIncrement();
		DeviceIdentity device = this.devices.get(Math.floorMod(index, this.devices.size()));
		return Challenge.builder().contentId(contentId).build().signWith(device);
	}

	/**
	 * Fresh challenges, issued now, made on every processor.
	 * @param count how many
	 * @param contentId the content they ask for
	 * @return the compact JWS challenges, devices taken in turn
	 */
	List<String> challenges(int count, String contentId) {
		int first = this.next.getAndAdd(count);
		return IntStream.range(0, count).parallel().mapToObj((i) -> {
			DeviceIdentity device = this.devices.get(Math.floorMod(first + i, this.devices.size()));
			return Challenge.builder().contentId(contentId).build().signWith(device);
		}).toList();
	}

}
