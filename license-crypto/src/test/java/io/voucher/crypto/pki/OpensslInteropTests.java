package io.voucher.crypto.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.voucher.crypto.testing.TestDevice;
import io.voucher.crypto.testing.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The openssl command, an independent X.509 implementation, accepts Voucher's device
 * certificates.
 */
class OpensslInteropTests {

	private static final Path OPENSSL = Path.of("/usr/bin/openssl");

	@TempDir
	Path directory;

	@BeforeAll
	static void opensslPresent() {
		assumeTrue(Files.isExecutable(OPENSSL), "openssl is not installed at /usr/bin/openssl: interop check skipped");
	}

	@Test
	void opensslVerifiesEcAndRsaDeviceCertificatesAndShowsTheExtension() throws Exception {
		TestPki pki = TestPki.create();
		for (TestDevice device : List.of(pki.newDevice().build(), pki.newDevice().rsa().build())) {
			Path root = write("root.pem", CertificatePem.encode(List.of(pki.deviceCa().root())));
			Path intermediate = write("intermediate.pem",
					CertificatePem.encode(device.certificate().chain().subList(1, 2)));
			Path leaf = write("device.pem", CertificatePem.encode(List.of(device.certificate().certificate())));
			String verify = run("verify", "-CAfile", root.toString(), "-untrusted", intermediate.toString(),
					leaf.toString());
			assertThat(verify).contains(leaf + ": OK");
			String text = run("x509", "-in", leaf.toString(), "-text", "-noout");
			assertThat(text).contains(DeviceAttributesExtension.OID)
				.contains("O = Acme, OU = TV")
				.contains("CA:FALSE")
				.contains("Digital Signature");
		}
	}

	private Path write(String name, String content) throws IOException {
		return Files.writeString(this.directory.resolve(name), content, StandardCharsets.US_ASCII);
	}

	private static String run(String... arguments) throws Exception {
		List<String> command = new java.util.ArrayList<>();
		command.add(OPENSSL.toString());
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor()).as(output).isZero();
		return output;
	}

}
