package io.voucher.registry.admission;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

import io.voucher.crypto.pki.SecurityLevel;
import org.jspecify.annotations.Nullable;

/**
 * Which devices a provider admits for its licenses, registrations, groups and
 * pre-generated licenses.
 *
 * @param acceptBuiltInCa whether devices certified by the built-in self-service Device CA
 * are admitted (anyone can get such a certificate for a key of their own)
 * @param allManufacturerRoots whether devices of every trusted manufacturer root are
 * admitted; if not, only those of {@code manufacturerRoots}
 * @param manufacturerRoots fingerprints (base64url SHA-256 of the DER) of the
 * manufacturer roots admitted when {@code allManufacturerRoots} is false
 * @param minSecurityLevel the lowest device security level admitted (1-5)
 * @param updatedAt when they were last changed, {@code null} for the defaults
 * @param updatedBy who last changed them, {@code null} for the defaults
 */
public record AdmissionSettings(boolean acceptBuiltInCa, boolean allManufacturerRoots, List<String> manufacturerRoots,
		int minSecurityLevel, @Nullable Instant updatedAt, @Nullable String updatedBy) {

	/** How many manufacturer roots a provider may list. */
	public static final int MAX_ROOTS = 100;

	private static final Pattern FINGERPRINT = Pattern.compile("[A-Za-z0-9_-]{43}");

	/** Today's behaviour: every trusted root, every security level. */
	public static final AdmissionSettings DEFAULTS = new AdmissionSettings(true, true, List.of(), SecurityLevel.MIN,
			null, null);

	public AdmissionSettings {
		manufacturerRoots = List.copyOf(manufacturerRoots);
		if (minSecurityLevel < SecurityLevel.MIN || minSecurityLevel > SecurityLevel.MAX) {
			throw new IllegalArgumentException(
					"min_security_level must be " + SecurityLevel.MIN + "-" + SecurityLevel.MAX);
		}
		if (manufacturerRoots.size() > MAX_ROOTS) {
			throw new IllegalArgumentException("at most " + MAX_ROOTS + " manufacturer roots");
		}
		for (String root : manufacturerRoots) {
			if (!FINGERPRINT.matcher(root).matches()) {
				throw new IllegalArgumentException(
						"a manufacturer root is named by its fingerprint: 43 base64url characters");
			}
		}
		if (allManufacturerRoots && !manufacturerRoots.isEmpty()) {
			throw new IllegalArgumentException("list manufacturer_roots only when all_manufacturer_roots is false");
		}
	}

	/**
	 * Whether these settings admit a device of that origin and level.
	 * @param origin the device's root
	 * @param securityLevel its security level
	 * @throws DeviceRefusedException when they do not
	 */
	public void admit(DeviceOrigin origin, int securityLevel) {
		if (origin.builtIn() && !this.acceptBuiltInCa) {
			throw new DeviceRefusedException(DeviceRefusedException.Reason.ROOT_NOT_ADMITTED,
					"This provider does not admit devices certified by the built-in Device CA");
		}
		if (!origin.builtIn() && !this.allManufacturerRoots
				&& !this.manufacturerRoots.contains(origin.rootFingerprint())) {
			throw new DeviceRefusedException(DeviceRefusedException.Reason.ROOT_NOT_ADMITTED,
					"This provider does not admit devices of this manufacturer root");
		}
		admitLevel(securityLevel);
	}

	/**
	 * Whether these settings admit a device of that level.
	 * @param securityLevel its security level
	 * @throws DeviceRefusedException when they do not
	 */
	public void admitLevel(int securityLevel) {
		if (securityLevel < this.minSecurityLevel) {
			throw new DeviceRefusedException(DeviceRefusedException.Reason.SECURITY_LEVEL_TOO_LOW,
					"This provider admits devices of security level " + this.minSecurityLevel
							+ " or higher; this one is " + securityLevel);
		}
	}

	/**
	 * Whether the device's root matters to these settings at all.
	 * @return whether some root is refused
	 */
	public boolean restrictsRoots() {
		return !this.acceptBuiltInCa || !this.allManufacturerRoots;
	}

}
