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

	private static final DeviceProfile PROFILE = new DeviceProfile("Bench", "Player", SecurityLevel.of(3),
			HdcpVersion.HDCP_V2);

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
		List<DeviceIdentity> devices = IntStream.range(0, count)
			.parallel()
			.mapToObj((i) -> newDevice(manufacturer))
			.toList();
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

	/**
	 * Fresh challenges from devices never seen before: each from a new key pair with a
	 * new certificate of this fleet's manufacturer, made on every processor. A platform
	 * must validate each one's chain.
	 * @param count how many (and how many new devices)
	 * @param contentId the content they ask for
	 * @return the compact JWS challenges
	 */
	List<String> freshChallenges(int count, String contentId) {
		return IntStream.range(0, count)
			.parallel()
			.mapToObj((i) -> Challenge.builder().contentId(contentId).build().signWith(newDevice(this.manufacturer)))
			.toList();
	}

	private static DeviceIdentity newDevice(DeviceCa manufacturer) {
		DeviceKeyPair keys = DeviceKeyPair.generate(KeyType.EC_P256);
		return keys.certified(manufacturer.issue(keys.publicKey(), PROFILE));
	}

}
