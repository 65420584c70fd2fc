package io.voucher.api.license;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.voucher.crypto.pki.CertificatePem;
import io.voucher.crypto.pki.DeviceCa;
import io.voucher.crypto.pki.DeviceCertificate;
import io.voucher.crypto.pki.DeviceChainValidator;
import io.voucher.crypto.pki.DeviceFingerprint;
import io.voucher.registry.admission.DeviceOrigin;
import io.voucher.registry.admission.DeviceOrigins;
import io.voucher.registry.admission.DeviceRefusedException;
import io.voucher.registry.trust.TrustedRoot;
import io.voucher.registry.trust.TrustedRoots;
import org.jspecify.annotations.Nullable;

/**
 * The device trust anchors of this node: the built-in Device CA, the configured
 * manufacturer roots, and the roots administrators added. Roots added or removed on this
 * node apply at once ({@link #refresh()}); those changed on another node apply here
 * within {@link #MAX_AGE}.
 */
public class DeviceTrustStore implements Supplier<DeviceChainValidator>, DeviceOrigins {

	/** How long this node uses its anchors before reading the database again. */
	static final Duration MAX_AGE = Duration.ofSeconds(30);

	/** How many chain tops {@link #originOf} remembers the root of. */
	private static final int ORIGIN_CACHE_SIZE = 10_000;

	private final X509Certificate builtIn;

	private final List<X509Certificate> configured;

	/** The root of each chain top seen, by the top's fingerprint. */
	private final Map<String, DeviceOrigin> origins = new ConcurrentHashMap<>();

	private final TrustedRoots roots;

	private final Clock clock;

	private volatile @Nullable Snapshot snapshot;

	DeviceTrustStore(DeviceCa deviceCa, LicenseProperties properties, TrustedRoots roots, Clock clock) {
		List<X509Certificate> anchors = new ArrayList<>();
		this.builtIn = deviceCa.root();
		anchors.add(deviceCa.root());
		for (Path root : properties.trustedRoots()) {
			try {
				anchors.addAll(CertificatePem.decode(Files.readString(root)));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Could not read trusted device root " + root, ex);
			}
		}
		this.configured = List.copyOf(anchors);
		this.roots = roots;
		this.clock = clock;
	}

	@Override
	public DeviceChainValidator get() {
		Snapshot current = this.snapshot;
		if (current == null || current.readAt().plus(MAX_AGE).isBefore(this.clock.instant())) {
			return refresh();
		}
		return current.validator();
	}

	/**
	 * Reads the added roots again and builds a new validator from every anchor, or keeps
	 * the current one (and the chains it has validated) when the anchors are the same.
	 * @return the validator
	 */
	public synchronized DeviceChainValidator refresh() {
		List<X509Certificate> anchors = new ArrayList<>(this.configured);
		for (TrustedRoot root : this.roots.list()) {
			anchors.add(root.certificate());
		}
		Snapshot current = this.snapshot;
		DeviceChainValidator validator = (current != null && current.anchors().equals(anchors)) ? current.validator()
				: new DeviceChainValidator(anchors, this.clock);
		this.snapshot = new Snapshot(validator, List.copyOf(anchors), this.clock.instant());
		return validator;
	}

	/**
	 * The root a validated device chain ends at: the anchor that is the chain's top or
	 * signed it.
	 */
	@Override
	public DeviceOrigin originOf(DeviceCertificate device) {
		List<X509Certificate> chain = device.chain();
		X509Certificate top = chain.get(chain.size() - 1);
		String topFingerprint = DeviceFingerprint.of(top).value();
		DeviceOrigin known = this.origins.get(topFingerprint);
		if (known != null) {
			return known;
		}
		for (X509Certificate anchor : get().anchors()) {
			if (anchor.equals(top) || issuedBy(top, anchor)) {
				DeviceOrigin origin = new DeviceOrigin(anchor.equals(this.builtIn),
						DeviceFingerprint.of(anchor).value());
				if (this.origins.size() >= ORIGIN_CACHE_SIZE) {
					this.origins.clear();
				}
				this.origins.put(topFingerprint, origin);
				return origin;
			}
		}
		throw new DeviceRefusedException(DeviceRefusedException.Reason.ROOT_NOT_ADMITTED,
				"The device certificate chains to no trusted root");
	}

	private static boolean issuedBy(X509Certificate certificate, X509Certificate anchor) {
		if (!anchor.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
			return false;
		}
		try {
			certificate.verify(anchor.getPublicKey());
			return true;
		}
		catch (GeneralSecurityException ex) {
			return false;
		}
	}

	private record Snapshot(DeviceChainValidator validator, List<X509Certificate> anchors, Instant readAt) {
	}

}
