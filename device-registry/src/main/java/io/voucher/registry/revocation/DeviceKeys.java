package io.voucher.registry.revocation;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.voucher.crypto.pki.CertificatePem;
import io.voucher.crypto.pki.DeviceCertificate;
import org.jspecify.annotations.Nullable;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * What Voucher knows of device keys: which key a device certificate certifies, and which
 * certificates certify a key, so that a revocation follows the key and not only one
 * certificate. Certificates are remembered when the Device CA issues them and when they
 * register or join a group; older registrations and group members are read too.
 */
@Service
public class DeviceKeys {

	private final JdbcTemplate jdbc;

	private final Clock clock;

	public DeviceKeys(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * The key id of a public key: base64url (unpadded) SHA-256 of its
	 * SubjectPublicKeyInfo DER.
	 * @param key the public key
	 * @return 43 base64url characters
	 */
	public static String keyId(PublicKey key) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getEncoded());
			return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * The key id of a device certificate's key.
	 * @param device the device certificate
	 * @return its key id
	 */
	public static String keyId(DeviceCertificate device) {
		return keyId(device.publicKey());
	}

	/**
	 * Remembers which key a certificate certifies (once; later calls change nothing).
	 * @param device the device certificate
	 */
	@Transactional(propagation = Propagation.REQUIRED)
	public void remember(DeviceCertificate device) {
		this.jdbc.update(
				"INSERT INTO device_certificate_key (fingerprint, key_id, seen_at) VALUES (?, ?, ?) "
						+ "ON CONFLICT (fingerprint) DO NOTHING",
				device.fingerprint().value(), keyId(device), Timestamp.from(this.clock.instant()));
	}

	/**
	 * The key a certificate certifies, from what Voucher knows of it.
	 * @param fingerprint the certificate's fingerprint
	 * @return its key id, if Voucher has seen the certificate
	 */
	@Transactional(readOnly = true)
	public Optional<String> keyOf(String fingerprint) {
		List<String> known = this.jdbc.queryForList("SELECT key_id FROM device_certificate_key WHERE fingerprint = ?",
				String.class, fingerprint);
		if (!known.isEmpty()) {
			return Optional.of(known.get(0));
		}
		List<String> chains = new ArrayList<>(this.jdbc.queryForList(
				"SELECT certificate_chain FROM registration WHERE fingerprint = ? LIMIT 1", String.class, fingerprint));
		if (chains.isEmpty()) {
			chains.addAll(
					this.jdbc.queryForList("SELECT certificate_chain FROM group_member WHERE fingerprint = ? LIMIT 1",
							String.class, fingerprint));
		}
		for (String chain : chains) {
			DeviceCertificate device = DeviceCertificate.parse(CertificatePem.decode(chain));
			if (device.fingerprint().value().equals(fingerprint)) {
				return Optional.of(keyId(device));
			}
		}
		return Optional.empty();
	}

	/**
	 * The certificates Voucher knows for a key, with the given one.
	 * @param fingerprint a certificate's fingerprint
	 * @param keyId its key id, or {@code null} when unknown
	 * @return the fingerprints, the given one first
	 */
	@Transactional(readOnly = true)
	public Set<String> certificatesOf(String fingerprint, @Nullable String keyId) {
		Set<String> fingerprints = new LinkedHashSet<>();
		fingerprints.add(fingerprint);
		if (keyId != null) {
			fingerprints.addAll(this.jdbc.queryForList(
					"SELECT fingerprint FROM device_certificate_key WHERE key_id = ? ORDER BY fingerprint",
					String.class, keyId));
		}
		return fingerprints;
	}

}
