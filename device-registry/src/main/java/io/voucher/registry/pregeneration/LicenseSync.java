package io.voucher.registry.pregeneration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.voucher.crypto.pki.DeviceCertificate;
import io.voucher.crypto.voucher.Binding;
import io.voucher.crypto.voucher.ContentKey;
import io.voucher.crypto.voucher.IssuedVoucher;
import io.voucher.crypto.voucher.LicenseSpec;
import io.voucher.crypto.voucher.Recipient;
import io.voucher.crypto.voucher.TrackType;
import io.voucher.crypto.voucher.VoucherIssuer;
import io.voucher.domain.content.ContentKeyMaterial;
import io.voucher.domain.content.ContentNotFoundException;
import io.voucher.domain.content.ContentService;
import io.voucher.domain.entitlement.Entitlement;
import io.voucher.domain.entitlement.EntitlementService;
import io.voucher.domain.policy.PlaybackPolicy;
import io.voucher.domain.policy.Policy;
import io.voucher.domain.policy.PolicyName;
import io.voucher.domain.policy.PolicyService;
import io.voucher.domain.policy.TrackRequirement;
import io.voucher.registry.registration.Registration;
import io.voucher.registry.registration.RegistrationService;
import io.voucher.registry.registration.RegistrationStatus;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings one registration's pre-generated licenses in line with its live entitlements:
 * one current license per entitlement, made from the entitlement's current policy and the
 * content's active keys, bound to the registration's device. A license whose inputs have
 * not changed is kept, so running it again changes nothing: jobs can be interrupted and
 * rerun at will. Runs under the registration's row lock, one transaction per
 * registration.
 */
@Component
class LicenseSync {

	private static final Logger logger = LoggerFactory.getLogger(LicenseSync.class);

	private final RegistrationService registrations;

	private final EntitlementService entitlements;

	private final PolicyService policies;

	private final ContentService contents;

	private final VoucherIssuer issuer;

	private final PregeneratedLicenses licenses;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private final Clock clock;

	LicenseSync(RegistrationService registrations, EntitlementService entitlements, PolicyService policies,
			ContentService contents, VoucherIssuer issuer, PregeneratedLicenses licenses, JdbcTemplate jdbc,
			TransactionTemplate transaction, Clock clock) {
		this.registrations = registrations;
		this.entitlements = entitlements;
		this.policies = policies;
		this.contents = contents;
		this.issuer = issuer;
		this.licenses = licenses;
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.clock = clock;
	}

	/**
	 * Syncs one registration in its own transaction.
	 * @param registrationId the registration
	 * @return how many licenses were issued
	 */
	int sync(UUID registrationId) {
		Integer issued = this.transaction.execute((status) -> syncLocked(registrationId));
		return (issued != null) ? issued : 0;
	}

	private int syncLocked(UUID registrationId) {
		Registration registration = this.registrations.lock(registrationId).orElse(null);
		if (registration == null) {
			return 0;
		}
		if (registration.status() != RegistrationStatus.ACTIVE) {
			this.licenses.withdrawAll(registrationId);
			return 0;
		}
		this.licenses.withdrawUnentitled(registrationId);
		Map<UUID, String> currentInputs = new HashMap<>();
		this.jdbc.query("SELECT entitlement_id, inputs FROM pregenerated_license WHERE registration_id = ? "
				+ "AND withdrawn_at IS NULL", (row) -> {
					currentInputs.put(row.getObject(1, UUID.class), row.getString(2));
				}, registrationId);
		String providerName = this.jdbc.queryForObject("SELECT name FROM provider WHERE id = ?", String.class,
				registration.providerId());
		DeviceCertificate device = null;
		int issued = 0;
		for (Entitlement entitlement : this.entitlements.live(registration.providerId(), registration.generatedId())) {
			Planned planned = plan(registration, entitlement);
			if (planned == null || planned.inputs().equals(currentInputs.get(entitlement.id()))) {
				continue;
			}
			if (device == null) {
				device = RegistrationService.certificate(registration);
			}
			issue(registration, entitlement, planned, providerName, device);
			issued++;
		}
		if (issued > 0) {
			this.jdbc.update("UPDATE registration SET bundle_version = bundle_version + 1 WHERE id = ?",
					registrationId);
		}
		return issued;
	}

	private @Nullable Planned plan(Registration registration, Entitlement entitlement) {
		Policy policy = (entitlement.policyName() != null)
				? this.policies.get(registration.providerId(), new PolicyName(entitlement.policyName())) : null;
		PlaybackPolicy settings = PlaybackPolicy.resolve((policy != null) ? policy.settings() : null,
				entitlement.overrides(), entitlement.overridesExclusively());
		Map<TrackType, TrackRequirement> tracks = (policy != null) ? policy.trackRequirements() : Map.of();
		List<ContentKeyMaterial> active;
		try {
			active = this.contents.activeKeys(registration.providerId(), entitlement.contentId());
		}
		catch (ContentNotFoundException ex) {
			logger.warn("Entitlement {} names content that no longer exists", entitlement.id());
			return null;
		}
		List<Granted> granted = new ArrayList<>();
		for (ContentKeyMaterial key : active) {
			TrackRequirement requirement = tracks.getOrDefault(key.trackType(), TrackRequirement.NONE);
			if (registration.securityLevel() >= requirement.securityLevel().value()) {
				granted.add(new Granted(key, requirement));
			}
		}
		if (granted.isEmpty()) {
			return null;
		}
		granted.sort(Comparator.comparing((Granted key) -> key.material().trackType()));
		StringBuilder inputs = new StringBuilder();
		inputs.append(entitlement.id())
			.append('|')
			.append(registration.fingerprint())
			.append('|')
			.append(entitlement.licenseType())
			.append('|')
			.append(settings)
			.append('|');
		for (Granted key : granted) {
			inputs.append(key.material().keyId().toBase64Url())
				.append(':')
				.append(key.requirement().securityLevel().value())
				.append(':')
				.append(key.requirement().requiredHdcp())
				.append(';');
		}
		return new Planned(settings, granted, sha256(inputs.toString()));
	}

	private void issue(Registration registration, Entitlement entitlement, Planned planned, String providerName,
			DeviceCertificate device) {
		Instant now = this.clock.instant();
		Instant expiresAt = now.plus(planned.settings().licenseDuration());
		UUID licenseId = UUID.randomUUID();
		List<ContentKey> keys = planned.keys()
			.stream()
			.map((key) -> ContentKey.of(key.material().keyId(), key.material().trackType(),
					key.requirement().securityLevel(), key.requirement().requiredHdcp(), key.material().key()))
			.toList();
		LicenseSpec spec = LicenseSpec.builder()
			.licenseId(licenseId.toString())
			.contentId(entitlement.contentId().value())
			.provider(providerName)
			.issuedAt(now)
			.expiresAt(expiresAt)
			.licenseType(entitlement.licenseType())
			.binding(Binding.device(device.fingerprint()))
			.policy(planned.settings().toLicensePolicy())
			.keys(keys)
			.build();
		IssuedVoucher voucher = this.issuer.issue(spec, Recipient.device(device));
		this.jdbc.update(
				"UPDATE pregenerated_license SET withdrawn_at = ? WHERE registration_id = ? "
						+ "AND entitlement_id = ? AND withdrawn_at IS NULL",
				Timestamp.from(now), registration.id(), entitlement.id());
		this.jdbc.update(
				"INSERT INTO pregenerated_license (id, registration_id, entitlement_id, license_id, content_id, "
						+ "license, inputs, issued_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
				UUID.randomUUID(), registration.id(), entitlement.id(), licenseId, entitlement.contentId().value(),
				voucher.compact(), planned.inputs(), Timestamp.from(now), Timestamp.from(expiresAt));
	}

	private static String sha256(String text) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is always available", ex);
		}
	}

	private record Granted(ContentKeyMaterial material, TrackRequirement requirement) {
	}

	private record Planned(PlaybackPolicy settings, List<Granted> keys, String inputs) {
	}

}
