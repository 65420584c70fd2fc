package io.voucher.api.cpix;

import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * CPIX key delivery.
 *
 * @param trustedRecipients SHA-256 fingerprints (hex, colons allowed) of the packagers'
 * delivery certificates that a credential <em>without</em> {@code key_export} may have
 * keys encrypted to. A certificate the caller brings is a key the caller may hold, so
 * keys encrypted to any certificate would be keys in clear; a credential with
 * {@code key_export} may name any certificate. Empty by default: only key_export
 * credentials get keys.
 */
@ConfigurationProperties("voucher.cpix")
record CpixProperties(@DefaultValue List<String> trustedRecipients) {

	CpixProperties {
		for (String fingerprint : trustedRecipients) {
			String hex = normalized(fingerprint);
			if (hex.length() != 64 || !hex.chars().allMatch((c) -> Character.digit(c, 16) >= 0)) {
				throw new IllegalArgumentException(
						"voucher.cpix.trusted-recipients must list SHA-256 fingerprints (64 hex digits)");
			}
		}
		trustedRecipients = List.copyOf(trustedRecipients);
	}

	/** The fingerprints, lowercase hex without separators. */
	Set<String> fingerprints() {
		return this.trustedRecipients.stream().map(CpixProperties::normalized).collect(Collectors.toSet());
	}

	private static String normalized(String fingerprint) {
		return fingerprint.replace(":", "").trim().toLowerCase(Locale.ROOT);
	}

	static String fingerprint(byte[] sha256) {
		return HexFormat.of().formatHex(sha256);
	}

}
