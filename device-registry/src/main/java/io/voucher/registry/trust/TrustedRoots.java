package io.voucher.registry.trust;

import java.security.cert.X509Certificate;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.voucher.crypto.pki.CertificatePem;
import io.voucher.crypto.pki.DeviceFingerprint;
import io.voucher.registry.trust.TrustRootException.Reason;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Adds, lists and removes manufacturer roots. Only CA certificates that may sign
 * certificates and have not expired are accepted.
 */
@Service
public class TrustedRoots {

	/** Bit 5 of keyUsage: keyCertSign. */
	private static final int KEY_CERT_SIGN = 5;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	TrustedRoots(JdbcTemplate jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * Trusts a manufacturer root.
	 * @param pem the root certificate, PEM
	 * @param label a name for people (1-200 characters)
	 * @param addedBy who adds it
	 * @return the trusted root
	 * @throws TrustRootException {@code INVALID} or {@code EXISTS}
	 */
	@Transactional
	public TrustedRoot add(String pem, String label, String addedBy) {
		if (label.isBlank() || label.length() > 200) {
			throw new TrustRootException(Reason.INVALID, "label must be 1-200 characters");
		}
		X509Certificate certificate = parse(pem);
		Instant now = this.clock.instant();
		if (certificate.getBasicConstraints() < 0) {
			throw new TrustRootException(Reason.INVALID, "the certificate is not a CA certificate");
		}
		boolean[] usage = certificate.getKeyUsage();
		if (usage != null && (usage.length <= KEY_CERT_SIGN || !usage[KEY_CERT_SIGN])) {
			throw new TrustRootException(Reason.INVALID, "the certificate's key usage does not allow keyCertSign");
		}
		if (certificate.getNotAfter().toInstant().isBefore(now)) {
			throw new TrustRootException(Reason.INVALID, "the certificate has expired");
		}
		String fingerprint = fingerprint(certificate);
		try {
			this.jdbc.update(
					"INSERT INTO trusted_root (id, fingerprint, label, subject, certificate, not_after, "
							+ "added_at, added_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
					UUID.randomUUID(), fingerprint, label, certificate.getSubjectX500Principal().getName(),
					CertificatePem.encode(List.of(certificate)), Timestamp.from(certificate.getNotAfter().toInstant()),
					Timestamp.from(now), addedBy);
		}
		catch (DuplicateKeyException ex) {
			throw new TrustRootException(Reason.EXISTS, "This root is already trusted");
		}
		return new TrustedRoot(fingerprint, label, certificate.getSubjectX500Principal().getName(), certificate,
				certificate.getNotAfter().toInstant(), now, addedBy);
	}

	/**
	 * The roots trusted now, oldest first.
	 * @return the roots
	 */
	@Transactional(readOnly = true)
	public List<TrustedRoot> list() {
		return this.jdbc.query("SELECT * FROM trusted_root WHERE removed_at IS NULL ORDER BY added_at, fingerprint",
				(row, index) -> new TrustedRoot(row.getString("fingerprint"), row.getString("label"),
						row.getString("subject"), CertificatePem.decode(row.getString("certificate")).get(0),
						row.getTimestamp("not_after").toInstant(), row.getTimestamp("added_at").toInstant(),
						row.getString("added_by")));
	}

	/**
	 * Stops trusting a root: certificates chaining to it are refused from now on.
	 * @param fingerprint the root's fingerprint
	 * @param removedBy who removes it
	 * @throws TrustRootException {@code NOT_FOUND}
	 */
	@Transactional
	public void remove(String fingerprint, String removedBy) {
		int removed = this.jdbc.update(
				"UPDATE trusted_root SET removed_at = ?, removed_by = ? "
						+ "WHERE fingerprint = ? AND removed_at IS NULL",
				Timestamp.from(this.clock.instant()), removedBy, fingerprint);
		if (removed == 0) {
			throw new TrustRootException(Reason.NOT_FOUND, "No trusted root with that fingerprint");
		}
	}

	private static X509Certificate parse(String pem) {
		List<X509Certificate> certificates;
		try {
			certificates = CertificatePem.decode(pem);
		}
		catch (RuntimeException ex) {
			throw new TrustRootException(Reason.INVALID, "certificate_pem is not a PEM certificate");
		}
		if (certificates.size() != 1) {
			throw new TrustRootException(Reason.INVALID, "certificate_pem must hold exactly one certificate");
		}
		return certificates.get(0);
	}

	private static String fingerprint(X509Certificate certificate) {
		return DeviceFingerprint.of(certificate).value();
	}

}
