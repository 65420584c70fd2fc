package io.voucher.api.cpix;

import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The DRM systems whose signalling a CPIX answer carries, by their DASH-IF system id.
 */
enum DrmSystem {

	/** W3C Clear Key, as registered with DASH-IF. */
	CLEAR_KEY(UUID.fromString("e2719d58-a985-b3c9-781a-b030af78d30e"), "W3C Clear Key"),

	/**
	 * Voucher's own license format (docs/formats.md): a fixed system id chosen for it,
	 * not registered with DASH-IF.
	 */
	VOUCHER(UUID.fromString("4061521c-01ee-4b9d-8158-26a0a2036fa7"), "Voucher");

	private final UUID systemId;

	private final String displayName;

	DrmSystem(UUID systemId, String displayName) {
		this.systemId = systemId;
		this.displayName = displayName;
	}

	UUID systemId() {
		return this.systemId;
	}

	String displayName() {
		return this.displayName;
	}

	static Optional<DrmSystem> of(UUID systemId) {
		for (DrmSystem system : values()) {
			if (system.systemId.equals(systemId)) {
				return Optional.of(system);
			}
		}
		return Optional.empty();
	}

	/** The system id as MPEG-DASH names it: {@code urn:uuid:…}. */
	String urn() {
		return "urn:uuid:" + this.systemId.toString().toLowerCase(Locale.ROOT);
	}

}
