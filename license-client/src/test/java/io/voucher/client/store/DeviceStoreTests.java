package io.voucher.client.store;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Instant;

import io.voucher.client.DrmError;
import io.voucher.client.DrmException;
import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.group.GroupId;
import io.voucher.crypto.testing.TestDevice;
import io.voucher.crypto.testing.TestPki;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class DeviceStoreTests {

	static final char[] PASSWORD = "correct horse battery".toCharArray();

	static final TestPki pki = TestPki.create();

	@TempDir
	Path directory;

	@Test
	void deviceKeyCertificateAndStateSurviveARestart() throws Exception {
		TestDevice device = pki.newDevice().build();
		GeneratedId id = GeneratedId.random();
		DeviceStore store = DeviceStore.open(this.directory, PASSWORD);
		store.saveDeviceIdentity(device.identity());
		store.update((state) -> state.withLicenseRootPem("PEM")
			.withRegistration(
					new RegistrationRecord(id, "acme", device.fingerprint().value(), Instant.EPOCH, "/bundle"))
			.withGroup(new GroupRecord(new GroupId("family"), 2, "a.b.c", Instant.EPOCH))
			.withVoucher(VoucherRecord.stored("lic-1", "movie", "h.p.s", Instant.EPOCH)
				.withFirstPlayedAt(Instant.ofEpochSecond(60))));

		DeviceStore reopened = DeviceStore.open(this.directory, PASSWORD);

		assertThat(reopened.state()).isEqualTo(store.state());
		assertThat(reopened.state().voucher("lic-1").orElseThrow().firstPlayedAt())
			.isEqualTo(Instant.ofEpochSecond(60));
		assertThat(reopened.deviceIdentity())
			.hasValueSatisfying((identity) -> assertThat(identity.fingerprint()).isEqualTo(device.fingerprint()));
		// The restored key is the same key: it signs what the certificate verifies.
		String signed = reopened.deviceIdentity().orElseThrow().signJws("test+jwt", java.util.Map.of("a", 1));
		assertThat(com.nimbusds.jose.JWSObject.parse(signed)
			.verify(new com.nimbusds.jose.crypto.ECDSAVerifier(
					(java.security.interfaces.ECPublicKey) device.certificate().publicKey())))
			.isTrue();
	}

	@Test
	void deletedDeviceKeyStaysDeletedAfterARestart() {
		DeviceStore store = DeviceStore.open(this.directory, PASSWORD);
		store.saveDeviceIdentity(pki.newDevice().build().identity());

		store.deleteDeviceIdentity();

		assertThat(store.deviceIdentity()).isEmpty();
		assertThat(DeviceStore.open(this.directory, PASSWORD).deviceIdentity()).isEmpty();
	}

	@Test
	void stateFileHoldsNothingInClear() throws Exception {
		DeviceStore store = DeviceStore.open(this.directory, PASSWORD);

		store.update((state) -> state
			.withVoucher(VoucherRecord.stored("license-in-clear", "content-in-clear", "h.p.s", Instant.EPOCH)));

		String file = Files.readString(this.directory.resolve(DeviceStore.STATE_FILE), StandardCharsets.ISO_8859_1);
		assertThat(file).startsWith("VOUCHER-DEVICE-STATE").doesNotContain("license-in-clear", "content-in-clear");
	}

	@Test
	void wrongPasswordIsRefusedAndTheFilesAreLeftAsTheyWere() throws Exception {
		DeviceStore.open(this.directory, PASSWORD).saveDeviceIdentity(pki.newDevice().build().identity());
		byte[] keys = Files.readAllBytes(this.directory.resolve(DeviceStore.KEYS_FILE));

		assertRefused(() -> DeviceStore.open(this.directory, "not the password".toCharArray()),
				DrmError.STORE_WRONG_PASSWORD);
		assertThat(Files.readAllBytes(this.directory.resolve(DeviceStore.KEYS_FILE))).isEqualTo(keys);
		assertThat(DeviceStore.open(this.directory, PASSWORD).deviceIdentity()).isPresent();
	}

	@Test
	void alteredStateFileIsCorruptAndNotOverwritten() throws Exception {
		DeviceStore.open(this.directory, PASSWORD)
			.update((state) -> state.withVoucher(VoucherRecord.stored("lic", "movie", "h.p.s", Instant.EPOCH)));
		Path stateFile = this.directory.resolve(DeviceStore.STATE_FILE);
		byte[] bytes = Files.readAllBytes(stateFile);
		bytes[bytes.length - 20] ^= 0x01;
		Files.write(stateFile, bytes);

		assertRefused(() -> DeviceStore.open(this.directory, PASSWORD), DrmError.STORE_CORRUPT);
		assertThat(Files.readAllBytes(stateFile)).isEqualTo(bytes);
	}

	@Test
	void truncatedStateFileIsCorrupt() throws Exception {
		DeviceStore.open(this.directory, PASSWORD);
		Path stateFile = this.directory.resolve(DeviceStore.STATE_FILE);
		byte[] bytes = Files.readAllBytes(stateFile);
		Files.write(stateFile, java.util.Arrays.copyOf(bytes, 40));

		assertRefused(() -> DeviceStore.open(this.directory, PASSWORD), DrmError.STORE_CORRUPT);
	}

	@Test
	void damagedKeystoreIsCorruptEvenWithTheRightPassword() throws Exception {
		DeviceStore.open(this.directory, PASSWORD).saveDeviceIdentity(pki.newDevice().build().identity());
		Path keys = this.directory.resolve(DeviceStore.KEYS_FILE);
		byte[] bytes = Files.readAllBytes(keys);
		bytes[bytes.length / 2] ^= 0x01;
		Files.write(keys, bytes);

		assertRefused(() -> DeviceStore.open(this.directory, PASSWORD), DrmError.STORE_CORRUPT);
	}

	@Test
	void missingStateFileBesideAKeystoreIsCorruptNotANewStore() throws Exception {
		DeviceStore.open(this.directory, PASSWORD).saveDeviceIdentity(pki.newDevice().build().identity());
		Files.delete(this.directory.resolve(DeviceStore.STATE_FILE));

		assertRefused(() -> DeviceStore.open(this.directory, PASSWORD), DrmError.STORE_CORRUPT);
		assertThat(this.directory.resolve(DeviceStore.STATE_FILE)).doesNotExist();
	}

	@Test
	void fileThatIsNotAStateFileIsForeign() throws Exception {
		DeviceStore.open(this.directory, PASSWORD);
		Files.writeString(this.directory.resolve(DeviceStore.STATE_FILE), "{\"some\": \"json\"}");

		assertRefused(() -> DeviceStore.open(this.directory, PASSWORD), DrmError.STORE_FOREIGN);
	}

	@Test
	void stateFileOfAnotherStoreIsForeign(@TempDir Path other) throws Exception {
		DeviceStore.open(this.directory, PASSWORD);
		DeviceStore.open(other, PASSWORD);
		Files.copy(other.resolve(DeviceStore.STATE_FILE), this.directory.resolve(DeviceStore.STATE_FILE),
				java.nio.file.StandardCopyOption.REPLACE_EXISTING);

		assertRefused(() -> DeviceStore.open(this.directory, PASSWORD), DrmError.STORE_FOREIGN);
	}

	@Test
	void keystoreOfAnotherApplicationIsForeign() throws Exception {
		DeviceStore.open(this.directory, PASSWORD);
		KeyStore foreign = KeyStore.getInstance("PKCS12");
		foreign.load(null, null);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		foreign.store(out, PASSWORD);
		Files.write(this.directory.resolve(DeviceStore.KEYS_FILE), out.toByteArray());

		assertRefused(() -> DeviceStore.open(this.directory, PASSWORD), DrmError.STORE_FOREIGN);
	}

	@Test
	void shortPasswordIsRefusedBeforeAnythingIsWritten() {
		assertThatIllegalArgumentException().isThrownBy(() -> DeviceStore.open(this.directory, "short".toCharArray()));
		assertThat(this.directory.resolve(DeviceStore.KEYS_FILE)).doesNotExist();
	}

	@Test
	void toStringShowsNoSecret() {
		DeviceStore store = DeviceStore.open(this.directory, PASSWORD);
		store.update((state) -> state
			.withVoucher(VoucherRecord.stored("lic", "movie", "header.payload.sig", Instant.EPOCH)));

		assertThat(store.toString()).doesNotContain(new String(PASSWORD));
		assertThat(store.state().toString()).doesNotContain("header.payload.sig");
	}

	private static void assertRefused(ThrowingCallable call, DrmError error) {
		assertThatExceptionOfType(DrmException.class).isThrownBy(call)
			.satisfies((ex) -> assertThat(ex.error()).as(ex.getMessage()).isEqualTo(error));
	}

}
