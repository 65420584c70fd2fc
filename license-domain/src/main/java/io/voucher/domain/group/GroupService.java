package io.voucher.domain.group;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.voucher.crypto.group.GroupId;
import io.voucher.crypto.group.GroupKeyPair;
import io.voucher.crypto.group.GroupPublicKey;
import io.voucher.crypto.keys.EnvelopeEncryption;
import io.voucher.crypto.keys.SecretBytes;
import io.voucher.crypto.pki.CertificatePem;
import io.voucher.crypto.pki.DeviceCertificate;
import io.voucher.domain.group.GroupException.Reason;
import io.voucher.domain.group.GroupMember.LeaveReason;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates device groups, admits members with single-use join tokens up to the group's
 * limit, and rolls the group key to a new generation whenever a member goes. The limit
 * holds under concurrent joins because every membership change runs under the group's row
 * lock.
 */
@Service
@EnableConfigurationProperties(GroupProperties.class)
public class GroupService {

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private static final String SELECT = "SELECT g.*, (SELECT count(*) FROM group_member m WHERE "
			+ "m.group_row_id = g.id AND m.left_at IS NULL) AS active_members FROM device_group g";

	private final JdbcTemplate jdbc;

	private final EnvelopeEncryption envelope;

	private final ApplicationEventPublisher events;

	private final GroupProperties properties;

	private final Clock clock;

	public GroupService(JdbcTemplate jdbc, EnvelopeEncryption envelope, ApplicationEventPublisher events,
			GroupProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.envelope = envelope;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Creates a group with a fresh key at generation 1.
	 * @param providerId the provider
	 * @param name a human-readable name (1-200 characters)
	 * @param maxMembers the member limit, or {@code null} for the configured default
	 * @return the group
	 */
	@Transactional
	public DeviceGroup create(UUID providerId, String name, @Nullable Integer maxMembers) {
		if (name.isBlank() || name.length() > 200) {
			throw new GroupException(Reason.INVALID, "name must be 1-200 characters");
		}
		int limit = (maxMembers != null) ? maxMembers : this.properties.defaultMaxMembers();
		if (limit < 1 || limit > 1000) {
			throw new GroupException(Reason.INVALID, "max_members must be between 1 and 1000");
		}
		UUID rowId = UUID.randomUUID();
		String groupId = "grp_" + BASE64URL.encodeToString(SecretBytes.random(12).toByteArray());
		GroupKeyPair key = GroupKeyPair.generate(new GroupId(groupId), 1);
		this.jdbc.update(
				"INSERT INTO device_group (id, provider_id, group_id, name, max_members, generation, "
						+ "public_key, sealed_private_key, created_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?)",
				rowId, providerId, groupId, name, limit, key.publicKey().encoded(), seal(key),
				Timestamp.from(this.clock.instant()));
		return find(groupId).orElseThrow();
	}

	/**
	 * Finds a group by its public id, whatever its provider.
	 * @param groupId the public id
	 * @return the group, if any
	 */
	@Transactional(readOnly = true)
	public Optional<DeviceGroup> find(String groupId) {
		return this.jdbc.query(SELECT + " WHERE g.group_id = ?", GroupService::group, groupId).stream().findFirst();
	}

	/**
	 * Finds a group by its internal id.
	 * @param rowId the internal id
	 * @return the group, if any
	 */
	@Transactional(readOnly = true)
	public Optional<DeviceGroup> find(UUID rowId) {
		return this.jdbc.query(SELECT + " WHERE g.id = ?", GroupService::group, rowId).stream().findFirst();
	}

	/**
	 * Locks a group's row until the caller's transaction ends, for a change of its
	 * licenses that must not interleave with joins, leaves and key rolls (pre-generation
	 * of the group's licenses), and reads it in the same statement.
	 * @param rowId the internal id
	 * @return the group, or empty when there is no such row
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<DeviceGroup> lockForLicenses(UUID rowId) {
		return this.jdbc.query(SELECT + " WHERE g.id = ? FOR UPDATE OF g", GroupService::group, rowId)
			.stream()
			.findFirst();
	}

	/**
	 * Locks a group's row until the caller's transaction ends, without blocking grants to
	 * the group ({@code FOR NO KEY UPDATE}: a new entitlement's key check holds KEY SHARE
	 * on the row), and reads it in the same statement: for a withdrawal of the group's
	 * licenses that must come after the group's row, as a sync takes them.
	 * @param rowId the internal id
	 * @return the group, or empty when there is no such row
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public Optional<DeviceGroup> lockForLicenseChange(UUID rowId) {
		return this.jdbc.query(SELECT + " WHERE g.id = ? FOR NO KEY UPDATE OF g", GroupService::group, rowId)
			.stream()
			.findFirst();
	}

	/**
	 * Records that the group's out-of-band bundle changed, so that caches of it
	 * revalidate.
	 * @param rowId the internal id
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public void bundleChanged(UUID rowId) {
		this.jdbc.update("UPDATE device_group SET bundle_version = bundle_version + 1 WHERE id = ?", rowId);
	}

	/**
	 * A provider's live group.
	 * @param providerId the provider
	 * @param groupId the public id
	 * @return the group
	 * @throws GroupException {@code NOT_FOUND}, or {@code GONE} when deleted
	 */
	@Transactional(readOnly = true)
	public DeviceGroup get(UUID providerId, String groupId) {
		DeviceGroup group = find(groupId).filter((found) -> found.providerId().equals(providerId))
			.orElseThrow(() -> new GroupException(Reason.NOT_FOUND, "No device group " + groupId));
		if (!group.live()) {
			throw new GroupException(Reason.GONE, "The device group was deleted");
		}
		return group;
	}

	/**
	 * Lists a provider's live groups, newest first.
	 * @param providerId the provider
	 * @param pageable the page
	 * @return one page
	 */
	@Transactional(readOnly = true)
	public Page<DeviceGroup> list(UUID providerId, Pageable pageable) {
		return list(providerId, null, pageable);
	}

	/**
	 * Lists a provider's live groups whose name contains a text (ignoring case) or whose
	 * group id starts with it, newest first.
	 * @param providerId the provider
	 * @param search the text; {@code null} or blank lists them all
	 * @param pageable the page
	 * @return one page
	 */
	@Transactional(readOnly = true)
	public Page<DeviceGroup> list(UUID providerId, @Nullable String search, Pageable pageable) {
		String where = " WHERE g.provider_id = ? AND g.deleted_at IS NULL";
		List<Object> arguments = new ArrayList<>(List.of(providerId));
		if (search != null && !search.isBlank()) {
			String text = search.strip();
			String contains = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
			where += " AND (g.name ILIKE ? OR starts_with(g.group_id, ?))";
			arguments.addAll(List.of(contains, text));
		}
		Long total = this.jdbc.queryForObject("SELECT count(*) FROM device_group g" + where, Long.class,
				arguments.toArray());
		arguments.addAll(List.of(pageable.getPageSize(), pageable.getOffset()));
		List<DeviceGroup> items = this.jdbc.query(SELECT + where + " ORDER BY g.created_at DESC, g.id LIMIT ? OFFSET ?",
				GroupService::group, arguments.toArray());
		return new PageImpl<>(items, pageable, (total != null) ? total : 0);
	}

	/**
	 * A group's members, active ones first.
	 * @param group the group
	 * @param includePast whether members who left are listed too
	 * @return the members
	 */
	@Transactional(readOnly = true)
	public List<GroupMember> members(DeviceGroup group, boolean includePast) {
		return this.jdbc.query(
				"SELECT * FROM group_member WHERE group_row_id = ?" + (includePast ? "" : " AND left_at IS NULL")
						+ " ORDER BY left_at NULLS FIRST, joined_at",
				(row, index) -> new GroupMember(row.getString("fingerprint"), row.getString("certificate_chain"),
						row.getTimestamp("joined_at").toInstant(), instant(row, "left_at"),
						(row.getString("leave_reason") != null) ? LeaveReason.valueOf(row.getString("leave_reason"))
								: null),
				group.rowId());
	}

	/**
	 * Tells whether a device is an active member.
	 * @param group the group
	 * @param fingerprint the device certificate's fingerprint
	 * @return whether it is a member now
	 */
	@Transactional(readOnly = true)
	public boolean isMember(DeviceGroup group, String fingerprint) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject(
				"SELECT EXISTS (SELECT 1 FROM group_member "
						+ "WHERE group_row_id = ? AND fingerprint = ? AND left_at IS NULL)",
				Boolean.class, group.rowId(), fingerprint));
	}

	/**
	 * Issues a single-use join token.
	 * @param providerId the provider
	 * @param groupId the group's public id
	 * @param validity how long it may be used, or {@code null} for the configured default
	 * @return the token (shown once; only its hash is stored)
	 */
	@Transactional
	public JoinToken issueJoinToken(UUID providerId, String groupId, @Nullable Duration validity) {
		DeviceGroup group = get(providerId, groupId);
		Duration ttl = (validity != null) ? validity : this.properties.joinTokenValidity();
		if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(Duration.ofDays(7)) > 0) {
			throw new GroupException(Reason.INVALID, "a join token is valid for 1 second to 7 days");
		}
		String token = "gjt_" + BASE64URL.encodeToString(SecretBytes.random(32).toByteArray());
		Instant now = this.clock.instant();
		this.jdbc.update(
				"INSERT INTO group_join_token (token_hash, group_row_id, created_at, expires_at) "
						+ "VALUES (?, ?, ?, ?)",
				hash(token), group.rowId(), Timestamp.from(now), Timestamp.from(now.plus(ttl)));
		return new JoinToken(token, group.groupId(), now.plus(ttl));
	}

	/**
	 * Admits a device with a join token. A device that is already a member keeps its
	 * membership and its token is not used up.
	 * @param groupId the group's public id
	 * @param token the join token
	 * @param device the joining device's certificate
	 * @return the group and its current key, to issue the credential with
	 * @throws GroupException {@code NOT_FOUND}, {@code GONE}, {@code JOIN_TOKEN_REJECTED}
	 * or {@code FULL}
	 */
	@Transactional
	public Membership join(String groupId, String token, DeviceCertificate device) {
		DeviceGroup group = lock(groupId);
		String fingerprint = device.fingerprint().value();
		if (isMember(group, fingerprint)) {
			return new Membership(group, currentKey(group));
		}
		int used = this.jdbc.update(
				"UPDATE group_join_token SET used_at = ?, used_by = ? WHERE token_hash = ? "
						+ "AND group_row_id = ? AND used_at IS NULL AND expires_at > ?",
				Timestamp.from(this.clock.instant()), fingerprint, hash(token), group.rowId(),
				Timestamp.from(this.clock.instant()));
		if (used == 0) {
			throw new GroupException(Reason.JOIN_TOKEN_REJECTED,
					"The join token is unknown, already used, expired or for another group");
		}
		if (group.activeMembers() >= group.maxMembers()) {
			throw new GroupException(Reason.FULL,
					"The group has reached its limit of " + group.maxMembers() + " members");
		}
		this.jdbc.update(
				"INSERT INTO group_member (id, group_row_id, fingerprint, certificate_chain, joined_at) "
						+ "VALUES (?, ?, ?, ?, ?)",
				UUID.randomUUID(), group.rowId(), fingerprint, CertificatePem.encode(device.chain()),
				Timestamp.from(this.clock.instant()));
		DeviceGroup joined = find(group.rowId()).orElseThrow();
		return new Membership(joined, currentKey(joined));
	}

	/**
	 * The current key of a group a device is a member of, to issue its credential.
	 * @param groupId the group's public id
	 * @param fingerprint the device's fingerprint
	 * @return the group and its current key
	 * @throws GroupException {@code NOT_FOUND}, {@code GONE} or {@code NOT_A_MEMBER}
	 */
	@Transactional(readOnly = true)
	public Membership membership(String groupId, String fingerprint) {
		DeviceGroup group = find(groupId).orElseThrow(() -> new GroupException(Reason.NOT_FOUND, "No device group"));
		if (!group.live()) {
			throw new GroupException(Reason.GONE, "The device group was deleted");
		}
		if (!isMember(group, fingerprint)) {
			throw new GroupException(Reason.NOT_A_MEMBER, "This device is not a member of the group");
		}
		return new Membership(group, currentKey(group));
	}

	/**
	 * Ends a device's membership and rolls the group key, so that licenses issued from
	 * now on do not open on it.
	 * @param groupId the group's public id
	 * @param fingerprint the device's fingerprint
	 * @param reason why it goes
	 * @return the group at its new generation
	 * @throws GroupException {@code NOT_FOUND}, {@code GONE} or {@code NOT_A_MEMBER}
	 */
	@Transactional
	public DeviceGroup leave(String groupId, String fingerprint, LeaveReason reason) {
		DeviceGroup group = lock(groupId);
		int left = this.jdbc.update(
				"UPDATE group_member SET left_at = ?, leave_reason = ? WHERE group_row_id = ? "
						+ "AND fingerprint = ? AND left_at IS NULL",
				Timestamp.from(this.clock.instant()), reason.name(), group.rowId(), fingerprint);
		if (left == 0) {
			throw new GroupException(Reason.NOT_A_MEMBER, "This device is not a member of the group");
		}
		return roll(group);
	}

	/**
	 * Removes a device from every group of one provider it is a member of (the provider
	 * blocked it), rolling each group's key.
	 * @param providerId the provider
	 * @param fingerprint the device's fingerprint
	 * @param reason why
	 * @return the groups it left
	 */
	@Transactional
	public List<String> removeEverywhere(UUID providerId, String fingerprint, LeaveReason reason) {
		List<String> groups = this.jdbc.queryForList("SELECT g.group_id FROM group_member m JOIN device_group g "
				+ "ON g.id = m.group_row_id WHERE m.fingerprint = ? AND m.left_at IS NULL AND g.deleted_at IS NULL "
				+ "AND g.provider_id = ? ORDER BY g.group_id", String.class, fingerprint, providerId);
		groups.forEach((groupId) -> leave(groupId, fingerprint, reason));
		return groups;
	}

	/**
	 * Removes a device from every group it is a member of (its certificate was revoked,
	 * or it was factory reset), rolling each group's key.
	 * @param fingerprint the device's fingerprint
	 * @param reason why
	 * @return the groups it left
	 */
	@Transactional
	public List<String> removeEverywhere(String fingerprint, LeaveReason reason) {
		List<String> groups = this.jdbc.queryForList("SELECT g.group_id FROM group_member m JOIN device_group g "
				+ "ON g.id = m.group_row_id WHERE m.fingerprint = ? AND m.left_at IS NULL AND g.deleted_at IS NULL "
				+ "ORDER BY g.group_id", String.class, fingerprint);
		groups.forEach((groupId) -> leave(groupId, fingerprint, reason));
		return groups;
	}

	/**
	 * Deletes a group: members are let go, its entitlements withdrawn, its licenses
	 * withdrawn.
	 * @param providerId the provider
	 * @param groupId the group's public id
	 * @return the deleted group
	 */
	@Transactional
	public DeviceGroup delete(UUID providerId, String groupId) {
		DeviceGroup group = get(providerId, groupId);
		lock(groupId);
		Timestamp now = Timestamp.from(this.clock.instant());
		this.jdbc.update("UPDATE group_member SET left_at = ?, leave_reason = 'GROUP_DELETED' "
				+ "WHERE group_row_id = ? AND left_at IS NULL", now, group.rowId());
		this.jdbc.update("UPDATE entitlement SET withdrawn_at = ? WHERE group_row_id = ? AND withdrawn_at IS NULL", now,
				group.rowId());
		this.jdbc.update("UPDATE device_group SET deleted_at = ?, bundle_version = bundle_version + 1 WHERE id = ?",
				now, group.rowId());
		this.events.publishEvent(new GroupChanged(providerId, group.rowId()));
		return find(group.rowId()).orElseThrow();
	}

	/**
	 * The current key pair of a group.
	 * @param group the group
	 * @return the key pair at the group's generation
	 */
	@Transactional(readOnly = true)
	public GroupKeyPair currentKey(DeviceGroup group) {
		return this.jdbc.queryForObject(
				"SELECT generation, public_key, sealed_private_key FROM device_group WHERE id = ?", (row, index) -> {
					long generation = row.getLong(1);
					GroupId id = new GroupId(group.groupId());
					GroupPublicKey publicKey = GroupPublicKey.decode(id, generation, row.getBytes(2));
					return GroupKeyPair.restore(publicKey,
							this.envelope.open(row.getBytes(3), sealingIdentity(group.groupId(), generation)));
				}, group.rowId());
	}

	/**
	 * The current public key of a group, to bind licenses to.
	 * @param group the group
	 * @return the public key at the group's generation
	 */
	@Transactional(readOnly = true)
	public GroupPublicKey currentPublicKey(DeviceGroup group) {
		return this.jdbc.queryForObject("SELECT generation, public_key FROM device_group WHERE id = ?",
				(row, index) -> GroupPublicKey.decode(new GroupId(group.groupId()), row.getLong(1), row.getBytes(2)),
				group.rowId());
	}

	private DeviceGroup roll(DeviceGroup group) {
		long generation = group.generation() + 1;
		GroupKeyPair key = GroupKeyPair.generate(new GroupId(group.groupId()), generation);
		this.jdbc.update("UPDATE device_group SET generation = ?, public_key = ?, sealed_private_key = ? WHERE id = ?",
				generation, key.publicKey().encoded(), seal(key), group.rowId());
		this.events.publishEvent(new GroupChanged(group.providerId(), group.rowId()));
		return find(group.rowId()).orElseThrow();
	}

	private DeviceGroup lock(String groupId) {
		DeviceGroup group = this.jdbc
			.query("SELECT g.*, 0 AS active_members FROM device_group g WHERE g.group_id = ? FOR UPDATE",
					GroupService::group, groupId)
			.stream()
			.findFirst()
			.orElseThrow(() -> new GroupException(Reason.NOT_FOUND, "No device group " + groupId));
		if (!group.live()) {
			throw new GroupException(Reason.GONE, "The device group was deleted");
		}
		// Counted under the lock, so that concurrent joins see each other.
		return find(group.rowId()).orElseThrow();
	}

	private byte[] seal(GroupKeyPair key) {
		return this.envelope.seal(key.exportPkcs8(),
				sealingIdentity(key.publicKey().groupId().value(), key.publicKey().generation()));
	}

	private static String sealingIdentity(String groupId, long generation) {
		return "device-group:" + groupId + ":" + generation;
	}

	private static String hash(String token) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is always available", ex);
		}
	}

	private static DeviceGroup group(ResultSet row, int index) throws SQLException {
		return new DeviceGroup(row.getObject("id", UUID.class), row.getObject("provider_id", UUID.class),
				row.getString("group_id"), row.getString("name"), row.getInt("max_members"), row.getLong("generation"),
				row.getInt("active_members"), row.getTimestamp("created_at").toInstant(), instant(row, "deleted_at"),
				row.getLong("bundle_version"));
	}

	private static @Nullable Instant instant(ResultSet row, String column) throws SQLException {
		Timestamp timestamp = row.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	/**
	 * A single-use join token, shown once.
	 *
	 * @param token the token
	 * @param groupId the group it admits to
	 * @param expiresAt until when it may be used
	 */
	public record JoinToken(String token, String groupId, Instant expiresAt) {

		@Override
		public String toString() {
			return "JoinToken[" + this.groupId + ", until " + this.expiresAt + "]";
		}

	}

	/**
	 * A member's view of a group: the group and its current key.
	 *
	 * @param group the group
	 * @param key the current key pair
	 */
	public record Membership(DeviceGroup group, GroupKeyPair key) {
	}

}
