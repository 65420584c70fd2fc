package io.voucher.api.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.voucher.crypto.pki.CertificatePem;
import io.voucher.crypto.testing.TestPki;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Makes the platform under test trust a manufacturer's device root, as
 * {@code voucher.licenses.trusted-roots} does in production, so that test devices made by
 * that manufacturer's {@link TestPki} register and get licenses without
 * individualization.
 */
public final class TrustedManufacturer {

	private TrustedManufacturer() {
	}

	/**
	 * Writes the manufacturer's root to a PEM file and names it as the first trusted
	 * root.
	 * @param registry the test's dynamic properties
	 * @param manufacturer the manufacturer's PKI
	 */
	public static void trust(DynamicPropertyRegistry registry, TestPki manufacturer) {
		try {
			Path root = Files.createTempFile("manufacturer-root", ".pem");
			Files.writeString(root, CertificatePem.encode(List.of(manufacturer.deviceCa().root())));
			registry.add("voucher.licenses.trusted-roots[0]", root::toString);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
