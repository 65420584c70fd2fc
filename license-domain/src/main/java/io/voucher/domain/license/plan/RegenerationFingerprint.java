package io.voucher.domain.license.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;

import io.voucher.crypto.voucher.ContentKey;
import io.voucher.crypto.voucher.KeyGrant;
import io.voucher.crypto.voucher.LicenseType;
import io.voucher.domain.policy.PlaybackPolicy;

/**
 * The fingerprint of what a pre-generated license depends on: equal fingerprints mean the
 * stored license is still right, a different one that it must be made again. It is an
 * explicit, versioned encoding of exactly those inputs (the entitlement, the recipient,
 * the license type, each template field of the resolved policy, and each key's id, track,
 * level and HDCP), so that a field added to a Java type changes nothing until this class
 * says so.
 * <p>
 * Version 2 (current) is {@code "v2."} followed by the base64url SHA-256 of the canonical
 * encoding (46 characters). Version 1, stored by earlier releases, is 64 hex characters:
 * the SHA-256 of a {@code |}-joined text built from the record's {@code toString()}.
 * {@link #matches(String)} compares a stored version-1 value as equal when version 1 of
 * today's inputs gives it (version 1 is frozen here, field by field), so an upgrade
 * re-issues nothing; the stored value becomes version 2 when the license is next made for
 * a reason of its own. No migration rewrites stored values.
 *
 * @param entitlementId the entitlement
 * @param licenseType the license type
 * @param plan the planned license
 */
public record RegenerationFingerprint(UUID entitlementId, LicenseType licenseType, LicensePlan plan) {

	/** The prefix of the current version. */
	static final String VERSION_2 = "v2.";

	/**
	 * The current fingerprint, as stored.
	 * @return the fingerprint
	 */
	public String value() {
		return VERSION_2 + Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(canonical()));
	}

	/**
	 * Whether a stored fingerprint, of any version, is this one.
	 * @param stored the stored value
	 * @return whether the stored license was made from these inputs
	 */
	public boolean matches(String stored) {
		if (stored.startsWith(VERSION_2)) {
			return stored.equals(value());
		}
		return stored.equals(version1());
	}

	/**
	 * The canonical encoding of version 2: one {@code name=value} line per input, in a
	 * fixed order; text values are length-prefixed so that no value can imitate another
	 * line.
	 */
	String canonical() {
		PlaybackPolicy policy = this.plan.settings();
		StringBuilder out = new StringBuilder("voucher-regeneration-fingerprint-v2\n");
		line(out, "entitlement", this.entitlementId.toString());
		line(out, "recipient", recipient());
		line(out, "license_type", this.licenseType.name());
		line(out, "can_play", policy.canPlay());
		line(out, "can_persist", policy.canPersist());
		line(out, "can_renew", policy.canRenew());
		line(out, "license_duration_seconds", policy.licenseDurationSeconds());
		line(out, "rental_duration_seconds", policy.rentalDurationSeconds());
		line(out, "playback_duration_seconds", policy.playbackDurationSeconds());
		line(out, "renewal_server_url",
				(policy.renewalServerUrl() != null) ? text(policy.renewalServerUrl().toString()) : "-");
		line(out, "renewal_delay_seconds", policy.renewalDelaySeconds());
		line(out, "renewal_retry_interval_seconds", policy.renewalRetryIntervalSeconds());
		line(out, "renewal_recovery_duration_seconds", policy.renewalRecoveryDurationSeconds());
		line(out, "renew_with_usage", policy.renewWithUsage());
		line(out, "keys", this.plan.keys().size());
		for (ContentKey key : this.plan.keys()) {
			KeyGrant grant = key.grant();
			line(out, "key", grant.keyId().toBase64Url() + "," + grant.trackType().name() + ","
					+ grant.requiredSecurityLevel().value() + "," + grant.requiredHdcp().name());
		}
		return out.toString();
	}

	private String recipient() {
		if (this.plan.target() instanceof LicenseTarget.Group group) {
			return "group:" + text(group.groupId().value()) + ":" + group.generation();
		}
		if (this.plan.target() instanceof LicenseTarget.Unbound unbound) {
			return "unbound:" + unbound.clientLevel().value();
		}
		return "device:" + ((LicenseTarget.Device) this.plan.target()).fingerprint().value();
	}

	/**
	 * Version 1, as earlier releases computed it: SHA-256 hex of entitlement, recipient,
	 * license type, the policy record's {@code toString()} of that time (frozen below)
	 * and each key's id, level and HDCP.
	 */
	String version1() {
		StringBuilder inputs = new StringBuilder();
		String recipient = (this.plan.target() instanceof LicenseTarget.Group group) ? "group:" + group.generation()
				: (this.plan.target() instanceof LicenseTarget.Device device) ? "device:" + device.fingerprint().value()
						: "unbound";
		inputs.append(this.entitlementId)
			.append('|')
			.append(recipient)
			.append('|')
			.append(this.licenseType.name())
			.append('|')
			.append(version1Policy(this.plan.settings()))
			.append('|');
		for (ContentKey key : this.plan.keys()) {
			inputs.append(key.keyId().toBase64Url())
				.append(':')
				.append(key.grant().requiredSecurityLevel().value())
				.append(':')
				.append(key.grant().requiredHdcp().name())
				.append(';');
		}
		return HexFormat.of().formatHex(sha256(inputs.toString()));
	}

	/** {@code PlaybackPolicy.toString()} as it was when version 1 was stored. */
	static String version1Policy(PlaybackPolicy policy) {
		return "PlaybackPolicy[canPlay=" + policy.canPlay() + ", canPersist=" + policy.canPersist() + ", canRenew="
				+ policy.canRenew() + ", licenseDurationSeconds=" + policy.licenseDurationSeconds()
				+ ", rentalDurationSeconds=" + policy.rentalDurationSeconds() + ", playbackDurationSeconds="
				+ policy.playbackDurationSeconds() + ", renewalServerUrl=" + policy.renewalServerUrl()
				+ ", renewalDelaySeconds=" + policy.renewalDelaySeconds() + ", renewalRetryIntervalSeconds="
				+ policy.renewalRetryIntervalSeconds() + ", renewalRecoveryDurationSeconds="
				+ policy.renewalRecoveryDurationSeconds() + ", renewWithUsage=" + policy.renewWithUsage() + "]";
	}

	private static void line(StringBuilder out, String name, Object value) {
		out.append(name).append('=').append(value).append('\n');
	}

	private static String text(String value) {
		return value.length() + ":" + value;
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is always available", ex);
		}
	}

}
