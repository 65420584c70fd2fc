package io.voucher.registry.revocation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import io.voucher.domain.group.GroupMember.LeaveReason;
import io.voucher.domain.group.GroupService;
import io.voucher.registry.pregeneration.PregeneratedLicenses;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Platform-wide revocation of device certificates and their keys: what goes on the signed
 * revocation list devices check. Revoking twice keeps the first revocation. Whether a
 * device is refused is decided by
 * {@link io.voucher.registry.admission.DeviceAdmission#check}.
 */
@Service
public class DeviceRevocations {

	private static final Pattern FINGERPRINT = Pattern.compile("[A-Za-z0-9_-]{43}");

	private final JdbcTemplate jdbc;

	private final PregeneratedLicenses licenses;

	private final GroupService groups;

	private final DeviceKeys keys;

	private final Clock clock;

	public DeviceRevocations(JdbcTemplate jdbc, PregeneratedLicenses licenses, GroupService groups, DeviceKeys keys,
			Clock clock) {
		this.jdbc = jdbc;
		this.keys = keys;
		this.licenses = licenses;
		this.groups = groups;
		this.clock = clock;
	}

	/**
	 * Revokes a device certificate for the whole platform, and with it the key it
	 * certifies when Voucher knows it: every registration of a certificate of that key
	 * ends (their pre-generated licenses are withdrawn in the same transaction) and the
	 * devices leave every group. Only platform administrators may do this.
	 * @param fingerprint base64url SHA-256 of the certificate (43 characters)
	 * @param reason why, for the record
	 * @param revokedBy who revoked it
	 * @return the revocation (the first one, if revoked before)
	 */
	@Transactional
	public Revocation revoke(String fingerprint, String reason, String revokedBy) {
		checkFingerprint(fingerprint);
		checkReason(reason);
		String keyId = this.keys.keyOf(fingerprint).orElse(null);
		this.jdbc.update(
				"INSERT INTO revoked_device (fingerprint, revoked_at, reason, revoked_by, key_id) "
						+ "VALUES (?, ?, ?, ?, ?) ON CONFLICT (fingerprint) "
						+ "DO UPDATE SET key_id = COALESCE(revoked_device.key_id, EXCLUDED.key_id)",
				fingerprint, Timestamp.from(this.clock.instant()), reason, revokedBy, keyId);
		for (String certificate : this.keys.certificatesOf(fingerprint, keyId)) {
			List<UUID> ended = this.jdbc.queryForList("UPDATE registration SET status = 'REVOKED', ended_at = ?, "
					+ "bundle_version = bundle_version + 1 WHERE fingerprint = ? AND status = 'ACTIVE' RETURNING id",
					UUID.class, Timestamp.from(this.clock.instant()), certificate);
			ended.forEach(this.licenses::withdrawAll);
			this.groups.removeEverywhere(certificate, LeaveReason.REVOKED);
		}
		return this.jdbc.queryForObject("SELECT * FROM revoked_device WHERE fingerprint = ?",
				DeviceRevocations::revocation, fingerprint);
	}

	/**
	 * Returns every revoked fingerprint with a sequence number that grows with each
	 * revocation (revocations are never withdrawn), for the signed revocation list.
	 * @return the current revocations
	 */
	@Transactional(readOnly = true)
	public Revocations current() {
		List<String> fingerprints = this.jdbc
			.queryForList("SELECT fingerprint FROM revoked_device ORDER BY fingerprint", String.class);
		return new Revocations(fingerprints.size(), fingerprints);
	}

	/**
	 * Lists revocations, newest first.
	 * @param fingerprintPrefix only fingerprints that start with it, or {@code null}
	 * @param pageable the page
	 * @return one page
	 */
	@Transactional(readOnly = true)
	public Page<Revocation> list(@Nullable String fingerprintPrefix, Pageable pageable) {
		String where = (fingerprintPrefix != null) ? " WHERE starts_with(fingerprint, ?)" : "";
		Object[] filter = (fingerprintPrefix != null) ? new Object[] { fingerprintPrefix } : new Object[0];
		Long total = this.jdbc.queryForObject("SELECT count(*) FROM revoked_device" + where, Long.class, filter);
		List<Object> arguments = new ArrayList<>(List.of(filter));
		arguments.add(pageable.getPageSize());
		arguments.add(pageable.getOffset());
		List<Revocation> items = this.jdbc.query(
				"SELECT * FROM revoked_device" + where + " ORDER BY revoked_at DESC, fingerprint LIMIT ? OFFSET ?",
				DeviceRevocations::revocation, arguments.toArray());
		return new PageImpl<>(items, pageable, (total != null) ? total : 0);
	}

	private static Revocation revocation(ResultSet row, int index) throws SQLException {
		return new Revocation(row.getString("fingerprint"), row.getString("key_id"),
				row.getTimestamp("revoked_at").toInstant(), row.getString("reason"), row.getString("revoked_by"));
	}

	/**
	 * One revoked device certificate.
	 *
	 * @param fingerprint the certificate's fingerprint
	 * @param keyId the key it certifies (revoked with it), when Voucher knows it
	 * @param revokedAt when it was revoked
	 * @param reason why, as the revoker gave it
	 * @param revokedBy who revoked it: an admin user (before platform revocation was for
	 * administrators only, a provider and its credential's prefix)
	 */
	public record Revocation(String fingerprint, @Nullable String keyId, Instant revokedAt, String reason,
			String revokedBy) {
	}

	/**
	 * The revoked fingerprints at one moment.
	 *
	 * @param sequence grows by one with each revocation
	 * @param fingerprints the revoked fingerprints
	 */
	public record Revocations(long sequence, List<String> fingerprints) {

		public Revocations {
			fingerprints = List.copyOf(fingerprints);
		}

	}

	static void checkReason(String reason) {
		if (reason.isBlank() || reason.length() > 500) {
			throw new IllegalArgumentException("reason must be 1-500 characters");
		}
	}

	static void checkFingerprint(String fingerprint) {
		if (!FINGERPRINT.matcher(fingerprint).matches()) {
			throw new IllegalArgumentException("a fingerprint is 43 base64url characters (SHA-256 of the certificate)");
		}
	}

}
