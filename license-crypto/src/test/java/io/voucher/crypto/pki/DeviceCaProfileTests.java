package io.voucher.crypto.pki;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;

import io.voucher.crypto.keys.KeyMaterial;
import io.voucher.crypto.keys.KeyMaterialBootstrap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Device CA profiles Voucher makes are the ones {@code docs/formats.md} documents: a
 * development root with pathLen 0 issuing devices directly, or a root with pathLen 1
 * above an issuing intermediate with pathLen 0.
 */
class DeviceCaProfileTests {

	static final Path FORMATS = Path.of("..", "docs", "formats.md");

	@TempDir
	Path keys;

	@Test
	void developmentDeviceCaRootHasPathLenZeroAndIssuesDevicesDirectlyAsDocumented() throws Exception {
		KeyMaterial material = KeyMaterialBootstrap.development(this.keys, "a keystore password".toCharArray(),
				Clock.systemUTC(), (warning) -> {
				});
		List<X509Certificate> chain = material.deviceCa().chain();

		assertThat(chain).hasSize(1);
		assertThat(chain.get(0).getBasicConstraints()).isZero();
		assertThat(chain.get(0).getKeyUsage()[5]).as("keyCertSign").isTrue();
		assertThat(Files.readString(FORMATS)).contains("root (self-signed, `CA:TRUE`, **pathLen 0**")
			.contains("This is the development Device CA that Voucher\n  generates");
		assertIssuedDeviceValidates(material.deviceCa());
	}

	@Test
	void deviceCaWithAnIntermediateHasRootPathLenOneAndIntermediatePathLenZeroAsDocumented() throws Exception {
		DeviceCa ca = DeviceCa.generate("Profile", true, Clock.systemUTC());

		assertThat(ca.chain()).hasSize(2);
		assertThat(ca.chain().get(1).getBasicConstraints()).as("root").isEqualTo(1);
		assertThat(ca.chain().get(0).getBasicConstraints()).as("intermediate").isZero();
		assertThat(Files.readString(FORMATS)).contains(
				"(self-signed, `CA:TRUE`, **pathLen 1**, keyCertSign+cRLSign) → issuing intermediate (`CA:TRUE`,\n  pathLen 0");
		assertIssuedDeviceValidates(ca);
	}

	private static void assertIssuedDeviceValidates(DeviceCa ca) {
		DeviceKeyPair device = DeviceKeyPair.generate(KeyType.EC_P256);
		DeviceProfile profile = new DeviceProfile("Acme", "TV", SecurityLevel.of(1), HdcpVersion.HDCP_NONE);
		List<X509Certificate> issued = ca.issue(device.createCsr(), profile).chain();
		X509Certificate root = ca.chain().get(ca.chain().size() - 1);
		DeviceChainValidator validator = new DeviceChainValidator(List.of(root), Clock.systemUTC());

		assertThat(issued).hasSize(ca.chain().size()).doesNotContain(root);
		assertThat(validator.validate(issued).fingerprint()).isNotNull();
	}

}
