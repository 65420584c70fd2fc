package io.voucher.domain.entitlement;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.voucher.LicenseType;
import io.voucher.domain.content.ContentId;
import io.voucher.domain.content.ContentNotFoundException;
import io.voucher.domain.group.DeviceGroup;
import io.voucher.domain.group.GroupChanged;
import io.voucher.domain.group.GroupService;
import io.voucher.domain.policy.PlaybackPolicy;
import io.voucher.domain.policy.Policy;
import io.voucher.domain.policy.PolicyName;
import io.voucher.domain.policy.PolicyOverrides;
import io.voucher.domain.policy.PolicyService;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Grants, lists and withdraws entitlements. A grant is checked against what it names (the
 * content exists, the policy exists, the resolved policy is valid) so that licenses can
 * always be generated for it.
 */
@Service
public class EntitlementService {

	/** Columns a list may be sorted by. */
	public static final Set<String> SORTABLE = Set.of("created_at", "content_id", "generated_id");

	private static final JsonMapper OVERRIDES_JSON = JsonMapper.builder()
		.propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
		.build();

	private static final String SELECT = "SELECT e.*, g.group_id AS group_public_id FROM entitlement e "
			+ "LEFT JOIN device_group g ON g.id = e.group_row_id";

	private final JdbcTemplate jdbc;

	private final PolicyService policies;

	private final GroupService groups;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	public EntitlementService(JdbcTemplate jdbc, PolicyService policies, GroupService groups,
			ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.policies = policies;
		this.groups = groups;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Grants a content to a generated ID.
	 * @param providerId the provider
	 * @param generatedId the device's generated ID
	 * @param contentId the content
	 * @param policyName a stored policy, or {@code null}
	 * @param overrides overrides, or {@code null}
	 * @param overridesExclusively whether the overrides apply alone
	 * @param licenseType the type of the licenses
	 * @return the entitlement
	 * @throws InvalidEntitlementException when neither a policy nor overrides are given
	 * @throws io.voucher.domain.content.ContentNotFoundException when the content does
	 * not exist
	 * @throws io.voucher.domain.policy.PolicyNotFoundException when the policy does not
	 * exist
	 * @throws io.voucher.domain.policy.InvalidPolicyException when the resolved policy is
	 * invalid
	 * @throws EntitlementExistsException when the ID already has a live grant of the
	 * content
	 */
	@Transactional
	public Entitlement grant(UUID providerId, GeneratedId generatedId, ContentId contentId,
			@Nullable PolicyName policyName, @Nullable PolicyOverrides overrides, boolean overridesExclusively,
			LicenseType licenseType) {
		Entitlement entitlement = insert(providerId, generatedId.value(), null, contentId, policyName, overrides,
				overridesExclusively, licenseType);
		this.events.publishEvent(new EntitlementsChanged(providerId, generatedId.value()));
		return entitlement;
	}

	/**
	 * Grants a content to a device group: one license bound to the group serves every
	 * member.
	 * @param providerId the provider
	 * @param groupId the group's public id
	 * @param contentId the content
	 * @param policyName a stored policy, or {@code null}
	 * @param overrides overrides, or {@code null}
	 * @param overridesExclusively whether the overrides apply alone
	 * @param licenseType the type of the licenses
	 * @return the entitlement
	 * @throws io.voucher.domain.group.GroupException when the group does not exist
	 * @see #grant(UUID, GeneratedId, ContentId, PolicyName, PolicyOverrides, boolean,
	 * LicenseType) for the other refusals
	 */
	@Transactional
	public Entitlement grantToGroup(UUID providerId, String groupId, ContentId contentId,
			@Nullable PolicyName policyName, @Nullable PolicyOverrides overrides, boolean overridesExclusively,
			LicenseType licenseType) {
		DeviceGroup group = this.groups.get(providerId, groupId);
		Entitlement entitlement = insert(providerId, null, group, contentId, policyName, overrides,
				overridesExclusively, licenseType);
		this.events.publishEvent(new GroupChanged(providerId, group.rowId()));
		return entitlement;
	}

	private Entitlement insert(UUID providerId, @Nullable String generatedId, @Nullable DeviceGroup group,
			ContentId contentId, @Nullable PolicyName policyName, @Nullable PolicyOverrides overrides,
			boolean overridesExclusively, LicenseType licenseType) {
		if (policyName == null && overrides == null) {
			throw new InvalidEntitlementException("policy_name", "give policy_name, policy_overrides or both");
		}
		if (overridesExclusively && overrides == null) {
			throw new InvalidEntitlementException("policy_overrides",
					"use_policy_overrides_exclusively needs policy_overrides");
		}
		// KEY SHARE on the content's row: a deletion of the content (FOR UPDATE) either
		// waits for this grant, and withdraws it, or has committed, and this grant finds
		// no content.
		if (this.jdbc
			.queryForList("SELECT 1 FROM content WHERE provider_id = ? AND content_id = ? FOR KEY SHARE", Integer.class,
					providerId, contentId.value())
			.isEmpty()) {
			throw new ContentNotFoundException(contentId.value());
		}
		Policy policy = (policyName != null) ? this.policies.get(providerId, policyName) : null;
		PolicyOverrides effectiveOverrides = (overrides != null) ? overrides : PolicyOverrides.NONE;
		// Refuses now what could never become a license.
		PlaybackPolicy.resolve((policy != null) ? policy.settings() : null, effectiveOverrides, overridesExclusively);
		Entitlement entitlement = new Entitlement(UUID.randomUUID(), providerId, generatedId,
				(group != null) ? group.groupId() : null, contentId, (policyName != null) ? policyName.value() : null,
				effectiveOverrides, overridesExclusively, licenseType, this.clock.instant(), null);
		try {
			this.jdbc.update(
					"INSERT INTO entitlement (id, provider_id, generated_id, group_row_id, content_id, "
							+ "policy_name, policy_overrides, overrides_exclusively, license_type, created_at) "
							+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
					entitlement.id(), providerId, generatedId, (group != null) ? group.rowId() : null,
					contentId.value(), entitlement.policyName(),
					(overrides != null) ? OVERRIDES_JSON.writeValueAsString(overrides) : null, overridesExclusively,
					licenseType.name(), Timestamp.from(entitlement.createdAt()));
		}
		catch (DuplicateKeyException ex) {
			throw new EntitlementExistsException(contentId.value());
		}
		return entitlement;
	}

	/**
	 * Finds an entitlement of a provider.
	 * @param providerId the provider
	 * @param id the entitlement's id
	 * @return the entitlement
	 * @throws EntitlementNotFoundException when there is none
	 */
	@Transactional(readOnly = true)
	public Entitlement get(UUID providerId, UUID id) {
		return this.jdbc
			.query(SELECT + " WHERE e.provider_id = ? AND e.id = ?", EntitlementService::entitlement, providerId, id)
			.stream()
			.findFirst()
			.orElseThrow(() -> new EntitlementNotFoundException(id.toString()));
	}

	/**
	 * Lists a provider's entitlements, optionally of one generated ID or one content.
	 * @param providerId the provider
	 * @param generatedId only this generated ID's, or {@code null}
	 * @param contentId only this content's, or {@code null}
	 * @param includeWithdrawn whether withdrawn entitlements are listed too
	 * @param pageable the page, sorted by {@link #SORTABLE} columns
	 * @return one page
	 */
	@Transactional(readOnly = true)
	public Page<Entitlement> list(UUID providerId, @Nullable String generatedId, @Nullable String groupId,
			@Nullable String contentId, boolean includeWithdrawn, Pageable pageable) {
		StringBuilder where = new StringBuilder(" WHERE e.provider_id = ?");
		List<Object> arguments = new ArrayList<>(List.of(providerId));
		if (generatedId != null) {
			where.append(" AND e.generated_id = ?");
			arguments.add(generatedId);
		}
		if (groupId != null) {
			where.append(" AND g.group_id = ?");
			arguments.add(groupId);
		}
		if (contentId != null) {
			where.append(" AND e.content_id = ?");
			arguments.add(contentId);
		}
		if (!includeWithdrawn) {
			where.append(" AND e.withdrawn_at IS NULL");
		}
		Long total = this.jdbc.queryForObject(
				"SELECT count(*) FROM entitlement e LEFT JOIN device_group g ON g.id = e.group_row_id" + where,
				Long.class, arguments.toArray());
		List<Object> paged = new ArrayList<>(arguments);
		paged.add(pageable.getPageSize());
		paged.add(pageable.getOffset());
		List<Entitlement> items = this.jdbc.query(SELECT + where + orderBy(pageable.getSort()) + " LIMIT ? OFFSET ?",
				EntitlementService::entitlement, paged.toArray());
		return new PageImpl<>(items, pageable, (total != null) ? total : 0);
	}

	/**
	 * The live entitlements of generated IDs, each ID's oldest first, in one query.
	 * @param providerId the provider
	 * @param generatedIds the generated IDs
	 * @return the live entitlements by generated ID; an ID with none is absent
	 */
	@Transactional(readOnly = true)
	public Map<String, List<Entitlement>> live(UUID providerId, Collection<String> generatedIds) {
		Map<String, List<Entitlement>> live = new HashMap<>();
		if (generatedIds.isEmpty()) {
			return live;
		}
		this.jdbc.query(SELECT + " WHERE e.provider_id = ? AND e.generated_id = ANY (?) AND e.withdrawn_at IS NULL "
				+ "ORDER BY e.created_at, e.id", (row) -> {
					Entitlement entitlement = entitlement(row, 0);
					live.computeIfAbsent(entitlement.generatedId(), (id) -> new ArrayList<>()).add(entitlement);
				}, providerId, generatedIds.toArray(String[]::new));
		return live;
	}

	/**
	 * The live entitlements of a device group, oldest first.
	 * @param group the group
	 * @return the live entitlements
	 */
	@Transactional(readOnly = true)
	public List<Entitlement> live(DeviceGroup group) {
		return this.jdbc.query(
				SELECT + " WHERE e.group_row_id = ? AND e.withdrawn_at IS NULL ORDER BY e.created_at, e.id",
				EntitlementService::entitlement, group.rowId());
	}

	/**
	 * Withdraws an entitlement; withdrawing twice is harmless.
	 * @param providerId the provider
	 * @param id the entitlement's id
	 * @return the withdrawn entitlement
	 * @throws EntitlementNotFoundException when there is none
	 */
	@Transactional
	public Entitlement withdraw(UUID providerId, UUID id) {
		Entitlement entitlement = get(providerId, id);
		if (entitlement.live()) {
			this.jdbc.update("UPDATE entitlement SET withdrawn_at = ? WHERE id = ? AND withdrawn_at IS NULL",
					Timestamp.from(this.clock.instant()), id);
			publishChange(entitlement);
		}
		return get(providerId, id);
	}

	/**
	 * Moves every live entitlement of one generated ID to another, as after a device's
	 * factory reset. A content the new ID already has stays under the new ID's grant.
	 * @param providerId the provider
	 * @param from the old generated ID
	 * @param to the new generated ID
	 * @return how many entitlements moved
	 */
	@Transactional
	public int transfer(UUID providerId, String from, String to) {
		Instant now = this.clock.instant();
		int moved = this.jdbc.update("UPDATE entitlement old SET generated_id = ? WHERE provider_id = ? "
				+ "AND generated_id = ? AND withdrawn_at IS NULL AND NOT EXISTS (SELECT 1 FROM entitlement kept "
				+ "WHERE kept.provider_id = old.provider_id AND kept.generated_id = ? "
				+ "AND kept.content_id = old.content_id AND kept.withdrawn_at IS NULL)", to, providerId, from, to);
		this.jdbc.update("UPDATE entitlement SET withdrawn_at = ? WHERE provider_id = ? AND generated_id = ? "
				+ "AND withdrawn_at IS NULL", Timestamp.from(now), providerId, from);
		this.events.publishEvent(new EntitlementsChanged(providerId, from));
		this.events.publishEvent(new EntitlementsChanged(providerId, to));
		return moved;
	}

	private void publishChange(Entitlement entitlement) {
		if (entitlement.generatedId() != null) {
			this.events.publishEvent(new EntitlementsChanged(entitlement.providerId(), entitlement.generatedId()));
		}
		else {
			this.groups.find(entitlement.groupId())
				.ifPresent(
						(group) -> this.events.publishEvent(new GroupChanged(entitlement.providerId(), group.rowId())));
		}
	}

	private static String orderBy(Sort sort) {
		List<String> terms = new ArrayList<>();
		for (Sort.Order order : sort) {
			if (!SORTABLE.contains(order.getProperty())) {
				throw new IllegalArgumentException("not sortable: " + order.getProperty());
			}
			terms.add("e." + order.getProperty() + (order.isAscending() ? " ASC" : " DESC"));
		}
		terms.add("e.id");
		return " ORDER BY " + String.join(", ", terms);
	}

	private static Entitlement entitlement(ResultSet row, int index) throws SQLException {
		String overrides = row.getString("policy_overrides");
		Timestamp withdrawn = row.getTimestamp("withdrawn_at");
		return new Entitlement(row.getObject("id", UUID.class), row.getObject("provider_id", UUID.class),
				row.getString("generated_id"), row.getString("group_public_id"),
				new ContentId(row.getString("content_id")), row.getString("policy_name"),
				(overrides != null) ? OVERRIDES_JSON.readValue(overrides, PolicyOverrides.class) : PolicyOverrides.NONE,
				row.getBoolean("overrides_exclusively"), LicenseType.valueOf(row.getString("license_type")),
				row.getTimestamp("created_at").toInstant(), (withdrawn != null) ? withdrawn.toInstant() : null);
	}

}
