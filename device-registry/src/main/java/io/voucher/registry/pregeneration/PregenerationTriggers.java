package io.voucher.registry.pregeneration;

import java.util.UUID;

import io.voucher.domain.content.ContentKeysRotated;
import io.voucher.domain.entitlement.EntitlementsChanged;
import io.voucher.domain.group.DeviceGroup;
import io.voucher.domain.group.GroupChanged;
import io.voucher.domain.group.GroupService;
import io.voucher.domain.jobs.Jobs;
import io.voucher.domain.policy.PolicyChanged;
import io.voucher.registry.registration.Registration;
import io.voucher.registry.registration.RegistrationService;
import io.voucher.registry.registration.RegistrationStatus;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Queues pre-generation where a change makes licenses wrong or missing, in the
 * transaction of the change: withdrawals take effect at once, new licenses follow from a
 * job.
 */
@Component
class PregenerationTriggers {

	private final RegistrationService registrations;

	private final PregeneratedLicenses licenses;

	private final GroupService groups;

	private final Jobs jobs;

	private final JdbcTemplate jdbc;

	PregenerationTriggers(RegistrationService registrations, GroupService groups, PregeneratedLicenses licenses,
			Jobs jobs, JdbcTemplate jdbc) {
		this.registrations = registrations;
		this.groups = groups;
		this.licenses = licenses;
		this.jobs = jobs;
		this.jdbc = jdbc;
	}

	@EventListener
	void entitlementsChanged(EntitlementsChanged event) {
		// The registration's row first, then its licenses, as every writer of them does:
		// two writers never wait on each other in opposite order.
		Registration registration = this.registrations.find(event.generatedId())
			.filter((found) -> found.providerId().equals(event.providerId()))
			.flatMap((found) -> this.registrations.lock(found.id()))
			.orElse(null);
		if (registration == null) {
			// Not registered yet: its registration will pre-generate everything.
			return;
		}
		if (registration.status() != RegistrationStatus.ACTIVE) {
			this.licenses.withdrawAll(registration.id());
			return;
		}
		this.licenses.withdrawUnentitled(registration.id());
		this.jobs.enqueue(RegistrationService.PREGENERATION, event.providerId(), "registration:" + registration.id());
	}

	@EventListener
	void groupChanged(GroupChanged event) {
		// The group's row first, then its licenses, as the group's sync does. NO KEY
		// UPDATE: a grant to the group holds KEY SHARE on it (its new entitlement's key
		// check), which FOR UPDATE would wait on.
		DeviceGroup group = this.groups.lockForLicenseChange(event.groupRowId()).orElse(null);
		if (group == null) {
			return;
		}
		if (!group.live()) {
			this.licenses.withdrawAllOfGroup(group.rowId());
			return;
		}
		this.licenses.withdrawUnentitledOfGroup(group.rowId());
		this.jobs.enqueue(RegistrationService.PREGENERATION, event.providerId(), "group:" + group.rowId());
	}

	@EventListener
	void policyChanged(PolicyChanged event) {
		if (named("policy_name", event.providerId(), event.name())) {
			this.jobs.enqueue(RegistrationService.PREGENERATION, event.providerId(), "policy:" + event.name());
		}
	}

	@EventListener
	void contentKeysRotated(ContentKeysRotated event) {
		if (named("content_id", event.providerId(), event.contentId())) {
			this.jobs.enqueue(RegistrationService.PREGENERATION, event.providerId(), "content:" + event.contentId());
		}
	}

	private boolean named(String column, UUID providerId, String value) {
		return Boolean.TRUE.equals(this.jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM entitlement e "
				+ "LEFT JOIN registration r ON r.provider_id = e.provider_id AND r.generated_id = e.generated_id "
				+ "LEFT JOIN device_group g ON g.id = e.group_row_id WHERE e.provider_id = ? AND e." + column
				+ " = ? AND e.withdrawn_at IS NULL AND (r.status = 'ACTIVE' OR (g.id IS NOT NULL AND g.deleted_at IS NULL)))",
				Boolean.class, providerId, value));
	}

}
