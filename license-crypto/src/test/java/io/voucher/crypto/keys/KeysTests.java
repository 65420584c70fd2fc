package io.voucher.crypto.keys;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.voucher.crypto.pki.DeviceKeyPair;
import io.voucher.crypto.pki.DeviceProfile;
import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.KeyType;
import io.voucher.crypto.pki.SecurityLevel;
import io.voucher.crypto.testing.TestClock;
import io.voucher.crypto.testing.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class KeysTests {

	@TempDir
	Path directory;

	@Test
	void secretBytesCopiesComparesAndNeverPrints() {
		byte[] raw = { 1, 2, 3, 4 };
		SecretBytes secret = SecretBytes.copyOf(raw);
		raw[0] = 9;
		assertThat(secret.toByteArray()).containsExactly(1, 2, 3, 4);
		secret.toByteArray()[1] = 9;
		assertThat(secret.toByteArray()).containsExactly(1, 2, 3, 4);
		assertThat(secret).isEqualTo(SecretBytes.copyOf(new byte[] { 1, 2, 3, 4 }));
		assertThat(secret.equalsSecret(SecretBytes.copyOf(new byte[] { 1, 2, 3, 5 }))).isFalse();
		assertThat(secret.toString()).isEqualTo("SecretBytes[4 bytes]");
	}

	@Test
	void envelopeWhenOpenedWithSameIdentityThenSecretRecovered() {
		EnvelopeEncryption envelope = new EnvelopeEncryption(KeyEncryptionKey.generate("kek-1"));
		SecretBytes secret = SecretBytes.random(16);
		byte[] sealed = envelope.seal(secret, "content-key:acme:kid-1");
		assertThat(envelope.open(sealed, "content-key:acme:kid-1").equalsSecret(secret)).isTrue();
	}

	@Test
	void envelopeWhenOpenedWithAnotherIdentityThenRefused() {
		EnvelopeEncryption envelope = new EnvelopeEncryption(KeyEncryptionKey.generate("kek-1"));
		byte[] sealed = envelope.seal(SecretBytes.random(16), "content-key:acme:kid-1");
		assertEnvelope(() -> envelope.open(sealed, "content-key:acme:kid-2"),
				EnvelopeException.Reason.TAMPERED_OR_WRONG_IDENTITY);
		sealed[sealed.length - 1] ^= 1;
		assertEnvelope(() -> envelope.open(sealed, "content-key:acme:kid-1"),
				EnvelopeException.Reason.TAMPERED_OR_WRONG_IDENTITY);
	}

	@Test
	void envelopeWhenKekUnknownOrGarbageThenRefused() {
		byte[] sealed = new EnvelopeEncryption(KeyEncryptionKey.generate("kek-1")).seal(SecretBytes.random(16), "id");
		EnvelopeEncryption other = new EnvelopeEncryption(KeyEncryptionKey.generate("kek-2"));
		assertEnvelope(() -> other.open(sealed, "id"), EnvelopeException.Reason.UNKNOWN_KEK);
		assertEnvelope(() -> other.open(new byte[] { 1, 2 }, "id"), EnvelopeException.Reason.MALFORMED);
		assertEnvelope(() -> other.open(new byte[] { 7 }, "id"), EnvelopeException.Reason.MALFORMED);
	}

	@Test
	void envelopeWhenKekRotatedThenOldRecordsStillOpen() {
		KeyEncryptionKey old = KeyEncryptionKey.generate("kek-1");
		byte[] sealed = new EnvelopeEncryption(old).seal(SecretBytes.random(32), "id");
		EnvelopeEncryption rotated = new EnvelopeEncryption(KeyEncryptionKey.generate("kek-2"), List.of(old));
		assertThat(rotated.open(sealed, "id").size()).isEqualTo(32);
	}

	@Test
	void developmentBootstrapGeneratesOnceThenLoadsTheSameKeys() {
		TestClock clock = TestClock.now();
		List<String> warnings = new ArrayList<>();
		KeyMaterial first = KeyMaterialBootstrap.development(this.directory, "changeit".toCharArray(), clock,
				warnings::add);
		assertThat(warnings).hasSize(3).allSatisfy((warning) -> assertThat(warning).startsWith("DEVELOPMENT KEYS"));
		warnings.clear();
		KeyMaterial second = KeyMaterialBootstrap.development(this.directory, "changeit".toCharArray(), clock,
				warnings::add);
		assertThat(warnings).isEmpty();
		assertThat(second.signingKeys().active().kid()).isEqualTo(first.signingKeys().active().kid());
		assertThat(second.licenseRoot()).isEqualTo(first.licenseRoot());
		byte[] sealed = new EnvelopeEncryption(first.kek()).seal(SecretBytes.random(16), "x");
		assertThat(new EnvelopeEncryption(second.kek()).open(sealed, "x").size()).isEqualTo(16);
		String signed = second.signingKeys().sign("t", Map.of("a", 1));
		assertThat(LicenseTrust.pinning(first.licenseRoot(), clock).verify(signed, "t").claims()).containsEntry("a",
				1L);
		assertThat(second.deviceCa()
			.issue(DeviceKeyPair.generate(KeyType.EC_P256).createCsr(),
					new DeviceProfile("A", "B", SecurityLevel.of(1), HdcpVersion.HDCP_NONE))
			.chain()).hasSize(1);
		assertThat(second.deviceCa().root()).isEqualTo(first.deviceCa().root());
	}

	@Test
	void developmentBootstrapGeneratesAPasswordAndKeepsFolderAndFilesOwnerOnly() throws Exception {
		Path keys = this.directory.resolve("data").resolve("keys");
		TestClock clock = TestClock.now();
		KeyMaterial first = KeyMaterialBootstrap.development(keys, clock, (warning) -> {
		});
		KeyMaterial second = KeyMaterialBootstrap.development(keys, clock, (warning) -> {
		});

		Path passwordFile = keys.resolve(KeyMaterialBootstrap.PASSWORD_FILE);
		String password = Files.readString(passwordFile);
		assertThat(password).hasSizeGreaterThanOrEqualTo(43)
			.isNotEqualTo(KeyMaterialBootstrap.LEGACY_DEVELOPMENT_PASSWORD);
		assertThat(Files.getPosixFilePermissions(keys)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
		try (var files = Files.list(keys)) {
			assertThat(files.toList()).hasSize(5)
				.allSatisfy((file) -> assertThat(Files.getPosixFilePermissions(file)).as(file.toString())
					.isEqualTo(PosixFilePermissions.fromString("rw-------")));
		}
		assertThat(second.licenseRoot()).isEqualTo(first.licenseRoot());
		assertThat(KeyMaterialBootstrap
			.load(keys.resolve("license-signing.p12"), keys.resolve("device-ca.p12"), keys.resolve("kek.p12"),
					password.toCharArray(), clock)
			.licenseRoot()).isEqualTo(first.licenseRoot());
	}

	@Test
	void developmentFolderOfAnOlderVersionKeepsItsKeysReEncryptedWithAGeneratedPasswordAndOwnerOnly() throws Exception {
		Path keys = this.directory.resolve("keys");
		TestClock clock = TestClock.now();
		char[] legacy = KeyMaterialBootstrap.LEGACY_DEVELOPMENT_PASSWORD.toCharArray();
		KeyMaterial old = KeyMaterialBootstrap.development(keys, legacy, clock, (warning) -> {
		});
		byte[] sealed = new EnvelopeEncryption(old.kek()).seal(SecretBytes.random(16), "x");
		// What older versions left: world-readable folder and files, the fixed password.
		Files.setPosixFilePermissions(keys, PosixFilePermissions.fromString("rwxr-xr-x"));
		try (var files = Files.list(keys)) {
			for (Path file : files.toList()) {
				Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
			}
		}
		List<String> warnings = new ArrayList<>();

		KeyMaterial upgraded = KeyMaterialBootstrap.development(keys, clock, warnings::add);

		assertThat(upgraded.licenseRoot()).isEqualTo(old.licenseRoot());
		assertThat(upgraded.deviceCa().root()).isEqualTo(old.deviceCa().root());
		assertThat(new EnvelopeEncryption(upgraded.kek()).open(sealed, "x").size()).isEqualTo(16);
		assertThat(warnings).hasSize(4).allSatisfy((warning) -> assertThat(warning).contains("re-encrypted"));
		assertThatIllegalStateException()
			.isThrownBy(() -> KeyMaterialBootstrap.load(keys.resolve("license-signing.p12"),
					keys.resolve("device-ca.p12"), keys.resolve("kek.p12"), legacy, clock));
		assertThat(Files.getPosixFilePermissions(keys)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
		try (var files = Files.list(keys)) {
			assertThat(files.toList()).hasSize(5)
				.allSatisfy((file) -> assertThat(Files.getPosixFilePermissions(file)).as(file.toString())
					.isEqualTo(PosixFilePermissions.fromString("rw-------")));
		}
		warnings.clear();
		KeyMaterialBootstrap.development(keys, clock, warnings::add);
		assertThat(warnings).as("nothing left to migrate").isEmpty();
	}

	@Test
	void loadWhenAKeystoreLacksItsEntryThenErrorNamesTheFileAndTheAlias() throws Exception {
		TestClock clock = TestClock.now();
		char[] password = "changeit".toCharArray();
		KeyMaterialBootstrap.development(this.directory, password, clock, (warning) -> {
		});
		Path signing = this.directory.resolve("license-signing.p12");
		Path ca = this.directory.resolve("device-ca.p12");
		Path kek = this.directory.resolve("kek.p12");
		Path renamedSigning = this.directory.resolve("renamed-signing.p12");
		Path renamedKek = this.directory.resolve("renamed-kek.p12");
		renameEntry(signing, KeyMaterialBootstrap.SIGNING_ALIAS, renamedSigning, password);
		renameEntry(kek, KeyMaterialBootstrap.KEK_ALIAS, renamedKek, password);
		assertThat(KeyMaterialBootstrap.load(signing, ca, kek, password, clock).signingKeys().active()).isNotNull();
		assertThatIllegalStateException()
			.isThrownBy(() -> KeyMaterialBootstrap.load(renamedSigning, ca, kek, password, clock))
			.withMessage(renamedSigning + " has no private key entry " + KeyMaterialBootstrap.SIGNING_ALIAS);
		assertThatIllegalStateException()
			.isThrownBy(() -> KeyMaterialBootstrap.load(signing, ca, renamedKek, password, clock))
			.withMessage(renamedKek + " has no secret key entry " + KeyMaterialBootstrap.KEK_ALIAS);
		Path missing = this.directory.resolve("missing.p12");
		assertThatIllegalStateException()
			.isThrownBy(() -> KeyMaterialBootstrap.load(signing, missing, kek, password, clock))
			.withMessage("cannot open keystore " + missing);
	}

	/** Copies a PKCS#12 keystore with its one entry stored under another alias. */
	private static void renameEntry(Path source, String alias, Path target, char[] password) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(source)) {
			store.load(in, password);
		}
		KeyStore.ProtectionParameter protection = new KeyStore.PasswordProtection(password);
		KeyStore.Entry entry = store.getEntry(alias, protection);
		store.deleteEntry(alias);
		store.setEntry("something-else", entry, protection);
		try (OutputStream out = Files.newOutputStream(target)) {
			store.store(out, password);
		}
	}

	@Test
	void keyRingWhenRotatedThenOldSignaturesVerifyByKid() {
		TestPki pki = TestPki.create();
		SigningKey next = pki.licenseRoot().issueSigningKey("next", Duration.ofDays(30));
		String old = pki.signingKeys().sign("t", Map.of("n", 1));
		SigningKeyRing rotated = pki.signingKeys().rotateTo(next);
		String fresh = rotated.sign("t", Map.of("n", 2));
		assertThat(rotated.verify(old, "t").kid()).isEqualTo(pki.signingKeys().active().kid());
		assertThat(rotated.verify(fresh, "t").kid()).isEqualTo(next.kid());
		assertThat(rotated.publicJwks()).contains(next.kid())
			.contains(pki.signingKeys().active().kid())
			.doesNotContain("\"d\"");
		assertThatExceptionOfType(SignatureRejectedException.class)
			.isThrownBy(() -> pki.signingKeys().verify(fresh, "t"))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(SignatureRejectedException.Reason.FOREIGN_SIGNER));
		assertThat(pki.licenseTrust().verify(fresh, "t").kid()).isEqualTo(next.kid());
	}

	private static void assertEnvelope(org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
			EnvelopeException.Reason reason) {
		assertThatExceptionOfType(EnvelopeException.class).isThrownBy(call)
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

}
