package io.voucher.domain.entitlement;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.voucher.domain.content.ContentId;
import io.voucher.domain.content.ContentNotFoundException;
import io.voucher.domain.group.GroupChanged;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Deletes content and withdraws what depends on it, in one transaction: its live
 * entitlements are withdrawn as {@link EntitlementService#withdraw} does (announced per
 * generated ID and per device group, so that pre-generated and group licenses are
 * withdrawn with them), and its content keys are deleted so that no new license can carry
 * them. Issued-license records and withdrawn entitlements stay as history.
 */
@Service
public class ContentDeletion {

	private final JdbcTemplate jdbc;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	public ContentDeletion(JdbcTemplate jdbc, ApplicationEventPublisher events, Clock clock) {
		this.jdbc = jdbc;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Tells what deleting content would withdraw, and changes nothing.
	 * @param providerId the provider
	 * @param contentId the content
	 * @return what a deletion would withdraw now
	 * @throws ContentNotFoundException when the provider has no such content
	 */
	@Transactional(readOnly = true)
	public Summary preview(UUID providerId, ContentId contentId) {
		UUID contentRowId = contentRow(providerId, contentId, false);
		return new Summary(contentId.value(), countLive(providerId, contentId, "generated_id IS NOT NULL"),
				countLive(providerId, contentId, "group_row_id IS NOT NULL"), countKeys(contentRowId));
	}

	/**
	 * Deletes content: withdraws its live entitlements, deletes its keys and the content
	 * itself. Deleting again finds no content.
	 * @param providerId the provider
	 * @param contentId the content
	 * @return what was withdrawn
	 * @throws ContentNotFoundException when the provider has no such content
	 */
	@Transactional
	public Summary delete(UUID providerId, ContentId contentId) {
		// The content's row first: a concurrent grant of it waits (it takes KEY SHARE on
		// the row) and then finds no content.
		UUID contentRowId = contentRow(providerId, contentId, true);
		int keys = countKeys(contentRowId);
		Timestamp now = Timestamp.from(this.clock.instant());
		List<Withdrawn> withdrawn = this.jdbc.query(
				"UPDATE entitlement SET withdrawn_at = ? WHERE provider_id = ? AND content_id = ? "
						+ "AND withdrawn_at IS NULL RETURNING generated_id, group_row_id",
				(row, index) -> new Withdrawn(row.getString("generated_id"), row.getObject("group_row_id", UUID.class)),
				now, providerId, contentId.value());
		Set<String> generatedIds = new LinkedHashSet<>();
		Set<UUID> groups = new LinkedHashSet<>();
		for (Withdrawn entitlement : withdrawn) {
			if (entitlement.generatedId() != null) {
				generatedIds.add(entitlement.generatedId());
			}
			else if (entitlement.groupRowId() != null) {
				groups.add(entitlement.groupRowId());
			}
		}
		// Keys go with the content (ON DELETE CASCADE): no license, online or
		// pre-generated, can carry them from now on.
		this.jdbc.update("DELETE FROM content WHERE id = ?", contentRowId);
		generatedIds.stream()
			.sorted()
			.forEach((generatedId) -> this.events.publishEvent(new EntitlementsChanged(providerId, generatedId)));
		groups.stream().sorted().forEach((group) -> this.events.publishEvent(new GroupChanged(providerId, group)));
		return new Summary(contentId.value(), countOf(withdrawn, true), countOf(withdrawn, false), keys);
	}

	private static int countOf(List<Withdrawn> withdrawn, boolean ofDevices) {
		return (int) withdrawn.stream()
			.filter((entitlement) -> (entitlement.generatedId() != null) == ofDevices)
			.count();
	}

	private UUID contentRow(UUID providerId, ContentId contentId, boolean lock) {
		return this.jdbc
			.queryForList(
					"SELECT id FROM content WHERE provider_id = ? AND content_id = ?" + (lock ? " FOR UPDATE" : ""),
					UUID.class, providerId, contentId.value())
			.stream()
			.findFirst()
			.orElseThrow(() -> new ContentNotFoundException(contentId.value()));
	}

	private int countLive(UUID providerId, ContentId contentId, String condition) {
		Integer count = this.jdbc.queryForObject(
				"SELECT count(*) FROM entitlement WHERE provider_id = ? "
						+ "AND content_id = ? AND withdrawn_at IS NULL AND " + condition,
				Integer.class, providerId, contentId.value());
		return (count != null) ? count : 0;
	}

	private int countKeys(UUID contentRowId) {
		Integer count = this.jdbc.queryForObject("SELECT count(*) FROM content_key WHERE content_row_id = ?",
				Integer.class, contentRowId);
		return (count != null) ? count : 0;
	}

	private record Withdrawn(@Nullable String generatedId, @Nullable UUID groupRowId) {

	}

	/**
	 * What a content deletion withdraws (or would withdraw).
	 *
	 * @param contentId the content
	 * @param deviceEntitlements live entitlements of generated IDs
	 * @param groupEntitlements live entitlements of device groups
	 * @param keys content keys, active and retired
	 */
	public record Summary(String contentId, int deviceEntitlements, int groupEntitlements, int keys) {

		/**
		 * All the live entitlements.
		 * @return device and group entitlements together
		 */
		public int entitlements() {
			return this.deviceEntitlements + this.groupEntitlements;
		}

	}

}
