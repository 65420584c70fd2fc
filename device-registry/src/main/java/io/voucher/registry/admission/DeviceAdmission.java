package io.voucher.registry.admission;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import io.voucher.crypto.pki.DeviceCertificate;
import io.voucher.registry.admission.DeviceRefusedException.Reason;
import io.voucher.registry.revocation.DeviceKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides whether a device is refused for a provider, in one place that every device path
 * calls (online licenses, entitlement-token licenses, registrations, bundle downloads,
 * group joins and credentials): revoked for the platform (its certificate or key),
 * blocked by the provider (its certificate or key), or not admitted by the provider's
 * settings (root, security level). Also keeps each provider's admission settings.
 */
@Service
public class DeviceAdmission {

	private static final Logger logger = LoggerFactory.getLogger(DeviceAdmission.class);

	private static final String CHECK = "SELECT "
			+ "EXISTS (SELECT 1 FROM revoked_device WHERE fingerprint = ? OR key_id = ?) AS revoked, "
			+ "EXISTS (SELECT 1 FROM revoked_device WHERE fingerprint = ? AND key_id IS NULL) AS revoked_unkeyed, "
			+ "EXISTS (SELECT 1 FROM device_block WHERE provider_id = ? AND (fingerprint = ? OR key_id = ?)) AS blocked, "
			+ "EXISTS (SELECT 1 FROM device_block WHERE provider_id = ? AND fingerprint = ? AND key_id IS NULL) "
			+ "AS blocked_unkeyed, a.* FROM (VALUES (1)) AS one LEFT JOIN device_admission a ON a.provider_id = ?";

	private final JdbcTemplate jdbc;

	private final DeviceOrigins origins;

	private final Clock clock;

	/** A transaction of its own, to record a key learnt while the caller only reads. */
	private final TransactionTemplate learn;

	DeviceAdmission(JdbcTemplate jdbc, DeviceOrigins origins, Clock clock,
			PlatformTransactionManager transactionManager) {
		this.jdbc = jdbc;
		this.origins = origins;
		this.clock = clock;
		this.learn = new TransactionTemplate(transactionManager);
		this.learn.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Refuses a device for a provider, or returns. A revoked or blocked certificate whose
	 * key was not known when it was revoked teaches Voucher the key, so that other
	 * certificates of that key are refused from then on.
	 * @param providerId the provider the device deals with
	 * @param device the device certificate, its chain validated
	 * @throws DeviceRefusedException when the device is refused
	 */
	public void check(UUID providerId, DeviceCertificate device) {
		String fingerprint = device.fingerprint().value();
		String keyId = DeviceKeys.keyId(device);
		Checked checked = this.jdbc.queryForObject(CHECK,
				(row, index) -> new Checked(row.getBoolean("revoked"), row.getBoolean("revoked_unkeyed"),
						row.getBoolean("blocked"), row.getBoolean("blocked_unkeyed"), settings(row)),
				fingerprint, keyId, fingerprint, providerId, fingerprint, keyId, providerId, fingerprint, providerId);
		if (checked == null) {
			throw new IllegalStateException("the admission check returned no row");
		}
		if (checked.revokedUnkeyed() || checked.blockedUnkeyed()) {
			learnKey(providerId, fingerprint, keyId);
		}
		if (checked.revoked()) {
			throw new DeviceRefusedException(Reason.REVOKED, "The device certificate is revoked");
		}
		if (checked.blocked()) {
			throw new DeviceRefusedException(Reason.BLOCKED, "This provider has blocked the device");
		}
		admit(checked.settings(), device.securityLevel().value(), () -> device);
	}

	/**
	 * Refuses a device key revoked for the whole platform (a certificate request for it).
	 * @param keyId the key id ({@link DeviceKeys#keyId})
	 * @throws DeviceRefusedException {@code REVOKED}
	 */
	@Transactional(readOnly = true)
	public void checkKey(String keyId) {
		Boolean revoked = this.jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM revoked_device WHERE key_id = ?)",
				Boolean.class, keyId);
		if (Boolean.TRUE.equals(revoked)) {
			throw new DeviceRefusedException(Reason.REVOKED, "This device key is revoked");
		}
	}

	/**
	 * Whether a provider's settings admit a registered device, for pre-generation (its
	 * revocation or block already ended the registration).
	 * @param settings the provider's settings
	 * @param securityLevel the device's security level
	 * @param device reads the device certificate, only when the root matters
	 * @return whether it is admitted
	 */
	public boolean admits(AdmissionSettings settings, int securityLevel, Supplier<DeviceCertificate> device) {
		try {
			admit(settings, securityLevel, device);
			return true;
		}
		catch (DeviceRefusedException ex) {
			return false;
		}
	}

	/**
	 * A provider's admission settings.
	 * @param providerId the provider
	 * @return its settings, or the defaults
	 */
	@Transactional(readOnly = true)
	public AdmissionSettings settings(UUID providerId) {
		return this.jdbc
			.query("SELECT * FROM device_admission WHERE provider_id = ?", (row, index) -> settings(row), providerId)
			.stream()
			.findFirst()
			.orElse(AdmissionSettings.DEFAULTS);
	}

	/**
	 * Replaces a provider's admission settings. Devices already registered that the new
	 * settings refuse get no new pre-generated licenses, and are refused online.
	 * @param providerId the provider
	 * @param settings the new settings ({@code updatedAt} and {@code updatedBy} are
	 * ignored)
	 * @param updatedBy who changes them
	 * @return the stored settings
	 */
	@Transactional
	public AdmissionSettings update(UUID providerId, AdmissionSettings settings, String updatedBy) {
		this.jdbc.update("INSERT INTO device_admission (provider_id, accept_built_in_ca, all_manufacturer_roots, "
				+ "manufacturer_roots, min_security_level, updated_at, updated_by, clear_key_enabled) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
				+ "ON CONFLICT (provider_id) DO UPDATE SET accept_built_in_ca = EXCLUDED.accept_built_in_ca, "
				+ "all_manufacturer_roots = EXCLUDED.all_manufacturer_roots, "
				+ "manufacturer_roots = EXCLUDED.manufacturer_roots, min_security_level = EXCLUDED.min_security_level, "
				+ "updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by, "
				+ "clear_key_enabled = EXCLUDED.clear_key_enabled", providerId, settings.acceptBuiltInCa(),
				settings.allManufacturerRoots(), settings.manufacturerRoots().toArray(String[]::new),
				settings.minSecurityLevel(), Timestamp.from(this.clock.instant()), updatedBy,
				settings.clearKeyEnabled());
		return settings(providerId);
	}

	/** Reads the device's root only when the settings restrict roots. */
	private void admit(AdmissionSettings settings, int securityLevel, Supplier<DeviceCertificate> device) {
		if (settings.restrictsRoots()) {
			settings.admit(this.origins.originOf(device.get()), securityLevel);
		}
		else {
			settings.admitLevel(securityLevel);
		}
	}

	private void learnKey(UUID providerId, String fingerprint, String keyId) {
		try {
			this.learn.executeWithoutResult((status) -> {
				this.jdbc.update("UPDATE revoked_device SET key_id = ? WHERE fingerprint = ? AND key_id IS NULL", keyId,
						fingerprint);
				this.jdbc.update("UPDATE device_block SET key_id = ? WHERE provider_id = ? AND fingerprint = ? "
						+ "AND key_id IS NULL", keyId, providerId, fingerprint);
			});
		}
		catch (RuntimeException ex) {
			// The device is refused by its fingerprint all the same; the key is learnt
			// next time.
			logger.warn("Could not record the key of revoked device {} ({})", fingerprint,
					ex.getClass().getSimpleName());
		}
	}

	private static AdmissionSettings settings(ResultSet row) throws SQLException {
		if (row.getObject("provider_id") == null) {
			return AdmissionSettings.DEFAULTS;
		}
		Array roots = row.getArray("manufacturer_roots");
		List<String> listed = (roots != null) ? Arrays.asList((String[]) roots.getArray()) : List.of();
		return new AdmissionSettings(row.getBoolean("accept_built_in_ca"), row.getBoolean("all_manufacturer_roots"),
				listed, row.getInt("min_security_level"), row.getTimestamp("updated_at").toInstant(),
				row.getString("updated_by"), row.getBoolean("clear_key_enabled"));
	}

	private record Checked(boolean revoked, boolean revokedUnkeyed, boolean blocked, boolean blockedUnkeyed,
			AdmissionSettings settings) {
	}

}
