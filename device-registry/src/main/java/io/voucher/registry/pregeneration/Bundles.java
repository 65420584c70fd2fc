package io.voucher.registry.pregeneration;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.voucher.crypto.pki.CertificateRejectedException;
import io.voucher.crypto.pki.DeviceCertificate;
import io.voucher.domain.group.DeviceGroup;
import io.voucher.domain.group.GroupException;
import io.voucher.domain.group.GroupService;
import io.voucher.registry.admission.DeviceAdmission;
import io.voucher.registry.registration.Registration;
import io.voucher.registry.registration.RegistrationException;
import io.voucher.registry.registration.RegistrationException.Reason;
import io.voucher.registry.registration.RegistrationService;
import io.voucher.registry.registration.RegistrationStatus;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Out-of-band bundles: every current pre-generated license of a generated ID (or of a
 * device group) that has not expired, with the bundle's version. An expired license
 * leaves the bundle at once, so that one expired license never keeps a device from
 * storing the others; {@link ExpiredLicenseRenewal} makes it again when its policy allows
 * renewal. A bundle holds no secret: its licenses open only with the device key.
 */
@Service
public class Bundles {

	private final RegistrationService registrations;

	private final GroupService groups;

	private final JdbcTemplate jdbc;

	private final DeviceAdmission admission;

	private final Clock clock;

	Bundles(RegistrationService registrations, GroupService groups, JdbcTemplate jdbc, DeviceAdmission admission,
			Clock clock) {
		this.admission = admission;
		this.registrations = registrations;
		this.groups = groups;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The bundle of a generated ID.
	 * @param generatedId the generated ID
	 * @return the bundle
	 * @throws RegistrationException {@code NOT_FOUND} for an unknown ID, {@code GONE} for
	 * a superseded or revoked one
	 * @throws io.voucher.registry.admission.DeviceRefusedException when the provider no
	 * longer admits the device
	 */
	@Transactional(readOnly = true)
	public Bundle bundle(String generatedId) {
		Registration registration = this.registrations.find(generatedId)
			.orElseThrow(() -> new RegistrationException(Reason.NOT_FOUND, "No registration of that generated ID"));
		if (registration.status() != RegistrationStatus.ACTIVE) {
			throw new RegistrationException(Reason.GONE,
					"The registration of this generated ID has ended (" + registration.status() + ")");
		}
		DeviceCertificate device;
		try {
			device = RegistrationService.certificate(registration);
		}
		catch (CertificateRejectedException ex) {
			// A stored chain that no longer parses: pre-generation cannot make it a
			// license
			// either, so the bundle holds none for a refused device to take.
			device = null;
		}
		if (device != null) {
			this.admission.check(registration.providerId(), device);
		}
		List<BundledLicense> licenses = this.jdbc.query(
				"SELECT license_id, content_id, license, issued_at, expires_at FROM pregenerated_license "
						+ "WHERE registration_id = ? AND withdrawn_at IS NULL AND expires_at > ? "
						+ "ORDER BY content_id, license_id",
				Bundles::license, registration.id(), Timestamp.from(this.clock.instant()));
		return new Bundle(generatedId, registration.id().toString(), registration.bundleVersion(), licenses);
	}

	/**
	 * The bundle of a device group: its current licenses, bound to its current key
	 * generation.
	 * @param groupId the group's public id
	 * @return the bundle
	 * @throws GroupException {@code NOT_FOUND} for an unknown group, {@code GONE} for a
	 * deleted one
	 */
	@Transactional(readOnly = true)
	public GroupBundle groupBundle(String groupId) {
		DeviceGroup group = this.groups.find(groupId)
			.orElseThrow(() -> new GroupException(GroupException.Reason.NOT_FOUND, "No device group " + groupId));
		if (!group.live()) {
			throw new GroupException(GroupException.Reason.GONE, "The device group was deleted");
		}
		List<BundledLicense> licenses = this.jdbc.query(
				"SELECT license_id, content_id, license, issued_at, expires_at FROM group_license "
						+ "WHERE group_row_id = ? AND withdrawn_at IS NULL AND expires_at > ? "
						+ "ORDER BY content_id, license_id",
				Bundles::license, group.rowId(), Timestamp.from(this.clock.instant()));
		return new GroupBundle(groupId, group.rowId().toString(), group.generation(), group.bundleVersion(), licenses);
	}

	private static BundledLicense license(java.sql.ResultSet row, int index) throws java.sql.SQLException {
		return new BundledLicense(row.getString(1), row.getString(2), row.getString(3), row.getTimestamp(4).toInstant(),
				row.getTimestamp(5).toInstant());
	}

	/**
	 * A device group's bundle.
	 *
	 * @param groupId the group's public id
	 * @param groupRowId the group's internal id
	 * @param generation the group key generation its licenses are bound to
	 * @param version grows with every change of the bundle
	 * @param licenses the current licenses
	 */
	public record GroupBundle(String groupId, String groupRowId, long generation, long version,
			List<BundledLicense> licenses) {

		/**
		 * A strong entity tag: the group, the version and the number of licenses identify
		 * the content (within a version, licenses only leave, as they expire).
		 * @return the quoted entity tag
		 */
		public String etag() {
			return "\"" + this.groupRowId + "." + this.version + "." + this.licenses.size() + "\"";
		}

	}

	/**
	 * A generated ID's bundle.
	 *
	 * @param generatedId the generated ID
	 * @param registrationId the registration it belongs to
	 * @param version grows with every change of the bundle
	 * @param licenses the current licenses
	 */
	public record Bundle(String generatedId, String registrationId, long version, List<BundledLicense> licenses) {

		/**
		 * A strong entity tag: the registration, the version and the number of licenses
		 * identify the content (within a version, licenses only leave, as they expire).
		 * @return the quoted entity tag
		 */
		public String etag() {
			return "\"" + this.registrationId + "." + this.version + "." + this.licenses.size() + "\"";
		}

	}

	/**
	 * One license of a bundle.
	 *
	 * @param licenseId the license's id
	 * @param contentId the content it opens
	 * @param license the compact JWS
	 * @param issuedAt when it was issued
	 * @param expiresAt when it expires
	 */
	public record BundledLicense(String licenseId, String contentId, String license, Instant issuedAt,
			Instant expiresAt) {
	}

}
