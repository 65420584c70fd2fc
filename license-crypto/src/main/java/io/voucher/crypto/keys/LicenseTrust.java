package io.voucher.crypto.keys;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.voucher.crypto.internal.CertificateSupport;
import io.voucher.crypto.internal.Jose;
import io.voucher.crypto.internal.JoseProblem;
import io.voucher.crypto.internal.KeySupport;
import io.voucher.crypto.internal.ParsedJws;
import io.voucher.crypto.pki.CertificateRejectedException;

/**
 * What a device trusts (device side): the pinned license root(s). Verifies objects signed
 * by a license signing key whose {@code x5c} chains to a pinned root.
 */
public final class LicenseTrust {

	private final List<X509Certificate> roots;

	private final Clock clock;

	private final Map<String, Signer> signers = new ConcurrentHashMap<>();

	/**
	 * Creates the trust.
	 * @param roots the pinned license roots
	 * @param clock the device clock, for certificate validity
	 */
	public LicenseTrust(Collection<X509Certificate> roots, Clock clock) {
		if (roots.isEmpty()) {
			throw new IllegalArgumentException("at least one license root must be pinned");
		}
		this.roots = List.copyOf(roots);
		this.clock = clock;
	}

	/**
	 * Pins one license root.
	 * @param root the root
	 * @param clock the device clock
	 * @return the trust
	 */
	public static LicenseTrust pinning(X509Certificate root, Clock clock) {
		return new LicenseTrust(List.of(root), clock);
	}

	/**
	 * The pinned roots.
	 * @return the roots
	 */
	public List<X509Certificate> roots() {
		return this.roots;
	}

	/**
	 * The clock of this trust.
	 * @return the clock
	 */
	public Clock clock() {
		return this.clock;
	}

	/**
	 * Verifies a JWS of the given type signed by a license signing key chaining to a
	 * pinned root.
	 * @param compact the compact JWS
	 * @param type the expected {@code typ}
	 * @return the verified content
	 * @throws SignatureRejectedException if refused
	 */
	public VerifiedJws verify(String compact, String type) {
		try {
			ParsedJws jws = Jose.parseJws(compact, type);
			Signer signer = signer(Jose.x5c(jws.header()));
			String kid = jws.header().getKeyID();
			if (kid != null && !kid.equals(signer.kid)) {
				throw new JoseProblem(JoseProblem.Kind.FOREIGN_SIGNER, "kid does not name the x5c key");
			}
			Jose.verify(jws, signer.key);
			return new VerifiedJws(signer.kid, signer.certificate, Jose.claims(jws));
		}
		catch (JoseProblem problem) {
			throw SignatureRejectedException.of(problem);
		}
	}

	private Signer signer(List<String> x5c) {
		if (x5c.isEmpty()) {
			throw new JoseProblem(JoseProblem.Kind.FOREIGN_SIGNER, "no x5c: the signer cannot be authenticated");
		}
		String cacheKey = String.join(".", x5c);
		Signer known = this.signers.get(cacheKey);
		if (known != null && known.certificate.getNotAfter().toInstant().isAfter(this.clock.instant())) {
			return known;
		}
		List<X509Certificate> chain = new ArrayList<>();
		try {
			for (String encoded : x5c) {
				chain.add(CertificateSupport.parse(Base64.getDecoder().decode(encoded)));
			}
			CertificateSupport.checkChain(chain, this.roots, this.clock.instant());
			if (!CertificateSupport.hasKeyUsage(chain.get(0), CertificateSupport.DIGITAL_SIGNATURE)) {
				throw new CertificateRejectedException(CertificateRejectedException.Reason.WRONG_KEY_USAGE,
						"the signing certificate does not allow signatures");
			}
		}
		catch (CertificateRejectedException | IllegalArgumentException ex) {
			throw new JoseProblem(JoseProblem.Kind.FOREIGN_SIGNER,
					"the signer does not chain to a pinned license root: " + ex.getMessage(), ex);
		}
		PublicKey key = KeySupport.onPreferredProvider(chain.get(0).getPublicKey());
		if (!(key instanceof ECPublicKey ec) || !KeySupport.isP256(key)) {
			throw new JoseProblem(JoseProblem.Kind.ALGORITHM_NOT_ALLOWED, "license signing keys are EC P-256");
		}
		Signer signer = new Signer(SigningKey.thumbprint(ec), chain.get(0), key);
		if (this.signers.size() > 64) {
			this.signers.clear();
		}
		this.signers.put(cacheKey, signer);
		return signer;
	}

	private record Signer(String kid, X509Certificate certificate, PublicKey key) {
	}

}
