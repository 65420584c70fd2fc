package io.voucher.api.license;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.voucher.crypto.pki.CertificatePem;
import io.voucher.crypto.pki.DeviceCa;
import io.voucher.crypto.pki.DeviceChainValidator;
import io.voucher.registry.trust.TrustedRoot;
import io.voucher.registry.trust.TrustedRoots;
import org.jspecify.annotations.Nullable;

/**
 * The device trust anchors of this node: the built-in Device CA, the configured
 * manufacturer roots, and the roots administrators added. Roots added or removed on this
 * node apply at once ({@link #refresh()}); those changed on another node apply here
 * within {@link #MAX_AGE}.
 */
public class DeviceTrustStore implements Supplier<DeviceChainValidator> {

	/** How long this node uses its anchors before reading the database again. */
	static final Duration MAX_AGE = Duration.ofSeconds(30);

	private final List<X509Certificate> configured;

	private final TrustedRoots roots;

	private final Clock clock;

	private volatile @Nullable Snapshot snapshot;

	DeviceTrustStore(DeviceCa deviceCa, LicenseProperties properties, TrustedRoots roots, Clock clock) {
		List<X509Certificate> anchors = new ArrayList<>();
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

	private record Snapshot(DeviceChainValidator validator, List<X509Certificate> anchors, Instant readAt) {
	}

}
