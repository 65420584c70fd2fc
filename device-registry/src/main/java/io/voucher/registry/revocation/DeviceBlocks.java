package io.voucher.registry.revocation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

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
 * A provider's own blocks of devices: a blocked device (its certificate and, when Voucher
 * knows it, its key) gets no license, registration or group membership from that
 * provider; other providers are not affected. Blocking twice keeps the first block.
 */
@Service
public class DeviceBlocks {

	private final JdbcTemplate jdbc;

	private final PregeneratedLicenses licenses;

	private final GroupService groups;

	private final DeviceKeys keys;

	private final Clock clock;

	public DeviceBlocks(JdbcTemplate jdbc, PregeneratedLicenses licenses, GroupService groups, DeviceKeys keys,
			Clock clock) {
		this.jdbc = jdbc;
		this.licenses = licenses;
		this.groups = groups;
		this.keys = keys;
		this.clock = clock;
	}

	/**
	 * Blocks a device for one provider: the provider's registrations of any certificate
	 * of the device's key end (their pre-generated licenses are withdrawn in the same
	 * transaction) and the device leaves the provider's groups.
	 * @param providerId the provider
	 * @param fingerprint base64url SHA-256 of the certificate (43 characters)
	 * @param reason why, for the record
	 * @param blockedBy who blocked it
	 * @return the block (the first one, if blocked before)
	 */
	@Transactional
	public Block block(UUID providerId, String fingerprint, String reason, String blockedBy) {
		DeviceRevocations.checkFingerprint(fingerprint);
		DeviceRevocations.checkReason(reason);
		String keyId = this.keys.keyOf(fingerprint).orElse(null);
		this.jdbc.update(
				"INSERT INTO device_block (provider_id, fingerprint, key_id, blocked_at, reason, blocked_by) "
						+ "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (provider_id, fingerprint) "
						+ "DO UPDATE SET key_id = COALESCE(device_block.key_id, EXCLUDED.key_id)",
				providerId, fingerprint, keyId, Timestamp.from(this.clock.instant()), reason, blockedBy);
		for (String certificate : this.keys.certificatesOf(fingerprint, keyId)) {
			List<UUID> ended = this.jdbc.queryForList(
					"UPDATE registration SET status = 'REVOKED', ended_at = ?, bundle_version = bundle_version + 1 "
							+ "WHERE fingerprint = ? AND provider_id = ? AND status = 'ACTIVE' RETURNING id",
					UUID.class, Timestamp.from(this.clock.instant()), certificate, providerId);
			ended.forEach(this.licenses::withdrawAll);
			this.groups.removeEverywhere(providerId, certificate, LeaveReason.REVOKED);
		}
		return this.jdbc.queryForObject("SELECT * FROM device_block WHERE provider_id = ? AND fingerprint = ?",
				DeviceBlocks::block, providerId, fingerprint);
	}

	/**
	 * Lists a provider's blocks, newest first.
	 * @param providerId the provider
	 * @param fingerprintPrefix only fingerprints that start with it, or {@code null}
	 * @param pageable the page
	 * @return one page
	 */
	@Transactional(readOnly = true)
	public Page<Block> list(UUID providerId, @Nullable String fingerprintPrefix, Pageable pageable) {
		String where = " WHERE provider_id = ?"
				+ ((fingerprintPrefix != null) ? " AND starts_with(fingerprint, ?)" : "");
		Object[] filter = (fingerprintPrefix != null) ? new Object[] { providerId, fingerprintPrefix }
				: new Object[] { providerId };
		Long total = this.jdbc.queryForObject("SELECT count(*) FROM device_block" + where, Long.class, filter);
		Object[] arguments = new Object[filter.length + 2];
		System.arraycopy(filter, 0, arguments, 0, filter.length);
		arguments[filter.length] = pageable.getPageSize();
		arguments[filter.length + 1] = pageable.getOffset();
		List<Block> items = this.jdbc.query(
				"SELECT * FROM device_block" + where + " ORDER BY blocked_at DESC, fingerprint LIMIT ? OFFSET ?",
				DeviceBlocks::block, arguments);
		return new PageImpl<>(items, pageable, (total != null) ? total : 0);
	}

	private static Block block(ResultSet row, int index) throws SQLException {
		return new Block(row.getObject("provider_id", UUID.class), row.getString("fingerprint"),
				row.getString("key_id"), row.getTimestamp("blocked_at").toInstant(), row.getString("reason"),
				row.getString("blocked_by"));
	}

	/**
	 * One provider's block of a device.
	 *
	 * @param providerId the provider
	 * @param fingerprint the certificate's fingerprint
	 * @param keyId the key it certifies (blocked with it), when Voucher knows it
	 * @param blockedAt when it was blocked
	 * @param reason why, as the provider gave it
	 * @param blockedBy who blocked it: a provider and its credential's prefix, or an
	 * admin user acting for the provider
	 */
	public record Block(UUID providerId, String fingerprint, @Nullable String keyId, Instant blockedAt, String reason,
			String blockedBy) {
	}

}
