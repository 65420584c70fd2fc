package io.voucher.benchmark;

/**
 * Which devices send the challenges of a phase.
 */
enum DeviceMode {

	/**
	 * A fixed fleet taking turns: the platform has validated each device's chain before
	 * and remembers it, so a request costs no chain validation.
	 */
	WARM("warm"),

	/**
	 * Every request from a device never seen before (a fresh key and certificate, issued
	 * from a pool made before the phase), so the platform validates its chain: what a
	 * real population of devices, which rarely repeat within a cache's life, costs.
	 */
	COLD("cold");

	private final String label;

	DeviceMode(String label) {
		this.label = label;
	}

	String label() {
		return this.label;
	}

}
