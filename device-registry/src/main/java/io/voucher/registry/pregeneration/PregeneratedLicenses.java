package io.voucher.registry.pregeneration;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;

import io.voucher.domain.group.GroupService;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Withdraws pre-generated licenses at once, in the transaction of the change that makes
 * them wrong (an entitlement withdrawn, a registration superseded, a device revoked, a
 * group deleted), and moves the bundle to a new version when it changed.
 */
@Component
public class PregeneratedLicenses {

	private final JdbcTemplate jdbc;

	private final Clock clock;

	private final GroupService groups;

	PregeneratedLicenses(JdbcTemplate jdbc, GroupService groups, Clock clock) {
		this.groups = groups;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Withdraws every current license of a registration.
	 * @param registrationId the registration
	 * @return how many were withdrawn
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int withdrawAll(UUID registrationId) {
		int withdrawn = this.jdbc.update(
				"UPDATE pregenerated_license SET withdrawn_at = ? "
						+ "WHERE registration_id = ? AND withdrawn_at IS NULL",
				Timestamp.from(this.clock.instant()), registrationId);
		bumpIf(withdrawn, registrationId);
		return withdrawn;
	}

	/**
	 * Withdraws the current licenses of a registration whose entitlement is no longer
	 * live.
	 * @param registrationId the registration
	 * @return how many were withdrawn
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int withdrawUnentitled(UUID registrationId) {
		int withdrawn = this.jdbc.update("UPDATE pregenerated_license l SET withdrawn_at = ? "
				+ "WHERE l.registration_id = ? AND l.withdrawn_at IS NULL AND NOT EXISTS "
				+ "(SELECT 1 FROM entitlement e WHERE e.id = l.entitlement_id AND e.withdrawn_at IS NULL "
				+ "AND e.generated_id = (SELECT generated_id FROM registration r WHERE r.id = l.registration_id))",
				Timestamp.from(this.clock.instant()), registrationId);
		bumpIf(withdrawn, registrationId);
		return withdrawn;
	}

	/**
	 * Withdraws every current license of a device group.
	 * @param groupRowId the group
	 * @return how many were withdrawn
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int withdrawAllOfGroup(UUID groupRowId) {
		int withdrawn = this.jdbc.update(
				"UPDATE group_license SET withdrawn_at = ? " + "WHERE group_row_id = ? AND withdrawn_at IS NULL",
				Timestamp.from(this.clock.instant()), groupRowId);
		bumpGroupIf(withdrawn, groupRowId);
		return withdrawn;
	}

	/**
	 * Withdraws the current licenses of a device group whose entitlement is no longer
	 * live.
	 * @param groupRowId the group
	 * @return how many were withdrawn
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public int withdrawUnentitledOfGroup(UUID groupRowId) {
		int withdrawn = this.jdbc.update("UPDATE group_license l SET withdrawn_at = ? "
				+ "WHERE l.group_row_id = ? AND l.withdrawn_at IS NULL AND NOT EXISTS "
				+ "(SELECT 1 FROM entitlement e WHERE e.id = l.entitlement_id AND e.withdrawn_at IS NULL "
				+ "AND e.group_row_id = l.group_row_id)", Timestamp.from(this.clock.instant()), groupRowId);
		bumpGroupIf(withdrawn, groupRowId);
		return withdrawn;
	}

	private void bumpGroupIf(int changed, UUID groupRowId) {
		if (changed > 0) {
			this.groups.bundleChanged(groupRowId);
		}
	}

	private void bumpIf(int changed, UUID registrationId) {
		if (changed > 0) {
			this.jdbc.update("UPDATE registration SET bundle_version = bundle_version + 1 WHERE id = ?",
					registrationId);
		}
	}

}
