package io.voucher.crypto.pki;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.voucher.crypto.internal.CertificateSupport;

/**
 * Validates device certificate chains against a set of trust anchors (the Device CA root
 * and added manufacturer roots): signatures, validity against the clock, basic
 * constraints, key usage, key strength and the device attributes. Chains that validated
 * once are remembered (by their exact encoding), so that a device's next request costs no
 * signature check; their validity dates are checked every time.
 */
public final class DeviceChainValidator {

	private static final int DEFAULT_CACHE_SIZE = 10_000;

	private final List<X509Certificate> anchors;

	private final Clock clock;

	private final int cacheSize;

	private final Map<String, Validated> cache = new ConcurrentHashMap<>();

	/**
	 * Creates a validator.
	 * @param anchors the trusted roots
	 * @param clock the clock validity is checked against
	 */
	public DeviceChainValidator(Collection<X509Certificate> anchors, Clock clock) {
		this(anchors, clock, DEFAULT_CACHE_SIZE);
	}

	/**
	 * Creates a validator.
	 * @param anchors the trusted roots
	 * @param clock the clock validity is checked against
	 * @param cacheSize how many validated chains to remember (0 for none)
	 */
	public DeviceChainValidator(Collection<X509Certificate> anchors, Clock clock, int cacheSize) {
		if (anchors.isEmpty()) {
			throw new IllegalArgumentException("at least one trust anchor is needed");
		}
		this.anchors = List.copyOf(anchors);
		this.clock = clock;
		this.cacheSize = cacheSize;
	}

	/**
	 * This validator with another trust anchor (a manufacturer root) added.
	 * @param anchor the root
	 * @return a new validator
	 */
	public DeviceChainValidator withAnchor(X509Certificate anchor) {
		List<X509Certificate> all = new ArrayList<>(this.anchors);
		all.add(anchor);
		return new DeviceChainValidator(all, this.clock, this.cacheSize);
	}

	/**
	 * The trust anchors.
	 * @return the roots
	 */
	public List<X509Certificate> anchors() {
		return this.anchors;
	}

	/**
	 * Validates a chain.
	 * @param chain the chain, leaf first, root optional
	 * @return the validated device certificate
	 * @throws CertificateRejectedException with the reason of the refusal
	 */
	public DeviceCertificate validate(List<X509Certificate> chain) {
		Instant now = this.clock.instant();
		CertificateSupport.checkChain(chain, this.anchors, now);
		X509Certificate leaf = chain.get(0);
		if (leaf.getBasicConstraints() >= 0) {
			throw new CertificateRejectedException(CertificateRejectedException.Reason.WRONG_KEY_USAGE,
					"a CA certificate cannot be a device certificate");
		}
		if (!CertificateSupport.hasKeyUsage(leaf, CertificateSupport.DIGITAL_SIGNATURE)) {
			throw new CertificateRejectedException(CertificateRejectedException.Reason.WRONG_KEY_USAGE,
					"the device certificate does not allow digital signatures");
		}
		return DeviceCertificate.parse(chain);
	}

	/**
	 * Validates a chain given as in a JWS {@code x5c} header: standard base64 DER, leaf
	 * first.
	 * @param x5c the encoded chain
	 * @return the validated device certificate
	 * @throws CertificateRejectedException with the reason of the refusal
	 */
	public DeviceCertificate validateEncoded(List<String> x5c) {
		if (x5c.isEmpty()) {
			throw new CertificateRejectedException(CertificateRejectedException.Reason.MALFORMED,
					"empty certificate chain");
		}
		String key = String.join(".", x5c);
		Instant now = this.clock.instant();
		Validated known = this.cache.get(key);
		if (known != null && !now.isBefore(known.notBefore) && !now.isAfter(known.notAfter)) {
			return known.device;
		}
		List<X509Certificate> chain = new ArrayList<>();
		for (String encoded : x5c) {
			byte[] der;
			try {
				der = Base64.getDecoder().decode(encoded);
			}
			catch (IllegalArgumentException ex) {
				throw new CertificateRejectedException(CertificateRejectedException.Reason.MALFORMED,
						"x5c entry is not base64", ex);
			}
			chain.add(CertificateSupport.parse(der));
		}
		DeviceCertificate device = validate(chain);
		if (this.cacheSize > 0) {
			if (this.cache.size() >= this.cacheSize) {
				this.cache.clear();
			}
			this.cache.put(key, new Validated(device, latestNotBefore(chain), earliestNotAfter(chain)));
		}
		return device;
	}

	private Instant latestNotBefore(List<X509Certificate> chain) {
		Instant result = Instant.MIN;
		for (X509Certificate certificate : withAnchors(chain)) {
			Instant notBefore = certificate.getNotBefore().toInstant();
			result = notBefore.isAfter(result) ? notBefore : result;
		}
		return result;
	}

	private Instant earliestNotAfter(List<X509Certificate> chain) {
		Instant result = Instant.MAX;
		for (X509Certificate certificate : withAnchors(chain)) {
			Instant notAfter = certificate.getNotAfter().toInstant();
			result = notAfter.isBefore(result) ? notAfter : result;
		}
		return result;
	}

	private List<X509Certificate> withAnchors(List<X509Certificate> chain) {
		// Conservative: the anchors' validity bounds the cached result too.
		List<X509Certificate> all = new ArrayList<>(chain);
		X509Certificate top = chain.get(chain.size() - 1);
		for (X509Certificate anchor : this.anchors) {
			if (anchor.getSubjectX500Principal().equals(top.getIssuerX500Principal())) {
				all.add(anchor);
			}
		}
		return all;
	}

	private record Validated(DeviceCertificate device, Instant notBefore, Instant notAfter) {
	}

}
