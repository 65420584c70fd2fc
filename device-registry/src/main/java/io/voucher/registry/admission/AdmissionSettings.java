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
 * @param clearKeyEnabled whether the provider answers W3C Clear Key license requests,
 * which hand content keys in the clear to a browser; off by default
 */
public record AdmissionSettings(boolean acceptBuiltInCa, boolean allManufacturerRoots, List<String> manufacturerRoots,
		int minSecurityLevel, @Nullable Instant updatedAt, @Nullable String updatedBy, boolean clearKeyEnabled) {

	/** How many manufacturer roots a provider may list. */
	public static final int MAX_ROOTS = 100;

	private static final Pattern FINGERPRINT = Pattern.compile("[A-Za-z0-9_-]{43}");

	/** Today's behaviour: every trusted root, every security level. */
	public static final AdmissionSettings DEFAULTS = new AdmissionSettings(true, true, List.of(), SecurityLevel.MIN,
			null, null, false);

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
	 * Settings with Clear Key off.
	 * @param acceptBuiltInCa whether the built-in Device CA's devices are admitted
	 * @param allManufacturerRoots whether every trusted manufacturer root is admitted
	 * @param manufacturerRoots the manufacturer roots admitted otherwise
	 * @param minSecurityLevel the lowest security level admitted
	 * @param updatedAt when they were last changed
	 * @param updatedBy who last changed them
	 */
	public AdmissionSettings(boolean acceptBuiltInCa, boolean allManufacturerRoots, List<String> manufacturerRoots,
			int minSecurityLevel, @Nullable Instant updatedAt, @Nullable String updatedBy) {
		this(acceptBuiltInCa, allManufacturerRoots, manufacturerRoots, minSecurityLevel, updatedAt, updatedBy, false);
	}

	/**
	 * The same settings with Clear Key switched on or off.
	 * @param enabled whether Clear Key license requests are answered
	 * @return the settings
	 */
	public AdmissionSettings withClearKey(boolean enabled) {
		return new AdmissionSettings(this.acceptBuiltInCa, this.allManufacturerRoots, this.manufacturerRoots,
				this.minSecurityLevel, this.updatedAt, this.updatedBy, enabled);
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
