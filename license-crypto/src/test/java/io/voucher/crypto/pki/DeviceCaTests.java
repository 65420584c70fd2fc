package io.voucher.crypto.pki;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.List;

import io.voucher.crypto.internal.CertificateSupport;
import io.voucher.crypto.internal.KeySupport;
import io.voucher.crypto.internal.PrivateKeys;
import io.voucher.crypto.testing.TestDevice;
import io.voucher.crypto.testing.TestPki;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class DeviceCaTests {

	private final TestPki pki = TestPki.create();

	private final DeviceProfile profile = new DeviceProfile("Acme", "TV 9000", SecurityLevel.of(4),
			HdcpVersion.HDCP_V1);

	@Test
	void issueWhenEcCsrThenCertificateCarriesMakeModelAndAttributes() throws Exception {
		DeviceKeyPair keys = DeviceKeyPair.generate(KeyType.EC_P256);
		DeviceCertificate device = this.pki.deviceCa().issue(keys.createCsr(), this.profile);
		assertThat(device.make()).isEqualTo("Acme");
		assertThat(device.model()).isEqualTo("TV 9000");
		assertThat(device.securityLevel()).isEqualTo(SecurityLevel.of(4));
		assertThat(device.maxHdcp()).isEqualTo(HdcpVersion.HDCP_V1);
		assertThat(device.keyType()).isEqualTo(KeyType.EC_P256);
		assertThat(device.certificate().getKeyUsage()).startsWith(true, false, false, false, true);
		assertThat(device.certificate().getBasicConstraints()).isEqualTo(-1);
		assertThat(device.certificate().getNonCriticalExtensionOIDs()).contains(DeviceAttributesExtension.OID);
		assertThat(device.chain()).hasSize(2);
		assertThat(device.fingerprint().value()).hasSize(43).doesNotContain("=");
		assertThat(device.fingerprint()).isEqualTo(
				new DeviceFingerprint(KeySupport.base64Url(KeySupport.sha256(device.certificate().getEncoded()))));
	}

	@Test
	void issueWhenRsaCsrThenKeyEnciphermentUsage() {
		DeviceKeyPair keys = DeviceKeyPair.generate(KeyType.RSA);
		DeviceCertificate device = this.pki.deviceCa().issue(keys.createCsr(), this.profile);
		assertThat(device.keyType()).isEqualTo(KeyType.RSA);
		boolean[] usage = device.certificate().getKeyUsage();
		assertThat(usage[0]).isTrue();
		assertThat(usage[2]).isTrue();
		assertThat(usage[4]).isFalse();
	}

	@Test
	void issueThenSerialIsPositiveAndAtMost159Bits() {
		for (int i = 0; i < 20; i++) {
			BigInteger serial = this.pki.newDevice().build().certificate().certificate().getSerialNumber();
			assertThat(serial.signum()).isPositive();
			assertThat(serial.bitLength()).isLessThanOrEqualTo(159);
		}
	}

	@Test
	void issueWhenRsa1024ThenWeakKey() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
		generator.initialize(1024);
		byte[] csr = csr(generator.generateKeyPair(), "SHA256withRSA");
		assertThatExceptionOfType(CsrRejectedException.class)
			.isThrownBy(() -> this.pki.deviceCa().issue(csr, this.profile))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(CsrRejectedException.Reason.WEAK_KEY));
	}

	@Test
	void issueWhenP384ThenUnsupportedKey() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp384r1"));
		byte[] csr = csr(generator.generateKeyPair(), "SHA384withECDSA");
		assertThatExceptionOfType(CsrRejectedException.class)
			.isThrownBy(() -> this.pki.deviceCa().issue(csr, this.profile))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(CsrRejectedException.Reason.UNSUPPORTED_KEY));
	}

	@Test
	void issueWhenCsrSignedByAnotherKeyThenBadSignature() throws Exception {
		KeyPair claimed = KeySupport.generateP256();
		KeyPair signer = KeySupport.generateP256();
		byte[] csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=x"), claimed.getPublic())
			.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate()))
			.getEncoded();
		assertThatExceptionOfType(CsrRejectedException.class)
			.isThrownBy(() -> this.pki.deviceCa().issue(csr, this.profile))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(CsrRejectedException.Reason.BAD_SIGNATURE));
	}

	@Test
	void issueWhenNotACsrThenMalformed() {
		assertThatExceptionOfType(CsrRejectedException.class)
			.isThrownBy(() -> this.pki.deviceCa().issue(new byte[] { 1, 2, 3 }, this.profile))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(CsrRejectedException.Reason.MALFORMED));
	}

	@Test
	void validateWhenIssuedByDeviceCaThenAccepted() {
		TestDevice device = this.pki.newDevice().make("Globex").model("Stick").securityLevel(5).build();
		DeviceCertificate validated = this.pki.chainValidator().validate(device.certificate().chain());
		assertThat(validated.fingerprint()).isEqualTo(device.fingerprint());
		assertThat(validated.make()).isEqualTo("Globex");
		assertThat(validated.securityLevel().value()).isEqualTo(5);
	}

	@Test
	void validateWhenManufacturerRootAddedThenItsDevicesAccepted() {
		TestPki manufacturer = TestPki.create();
		TestDevice device = manufacturer.newDevice().build();
		DeviceChainValidator validator = this.pki.chainValidator().withAnchor(manufacturer.deviceCa().root());
		assertThat(validator.validate(device.certificate().chain()).fingerprint()).isEqualTo(device.fingerprint());
	}

	@Test
	void validateWhenOtherRootThenUnknownRoot() {
		DeviceCertificate foreign = DeviceCa.generate("Elsewhere CA", false, this.pki.clock())
			.issue(DeviceKeyPair.generate(KeyType.EC_P256).createCsr(), this.profile);
		assertRejected(() -> this.pki.chainValidator().validate(foreign.chain()),
				CertificateRejectedException.Reason.UNKNOWN_ROOT);
	}

	@Test
	void validateWhenSameNamedImpostorCaThenBadSignature() {
		// TestPki names every CA "Test Device CA": the impostor's intermediate names our
		// root as issuer.
		TestDevice impostor = TestPki.create().newDevice().build();
		List<java.security.cert.X509Certificate> chain = impostor.certificate().chain();
		DeviceChainValidator validator = new DeviceChainValidator(List.of(this.pki.deviceCa().root()),
				this.pki.clock());
		assertThat(chain.get(1).getIssuerX500Principal())
			.isEqualTo(this.pki.deviceCa().root().getSubjectX500Principal());
		assertRejected(() -> validator.validate(chain), CertificateRejectedException.Reason.BAD_SIGNATURE);
	}

	@Test
	void validateWhenExpiredThenRefused() {
		DeviceKeyPair keys = DeviceKeyPair.generate(KeyType.EC_P256);
		DeviceCertificate device = this.pki.deviceCa()
			.withDeviceValidity(Duration.ofDays(1))
			.issue(keys.createCsr(), this.profile);
		this.pki.clock().advance(Duration.ofDays(2));
		assertRejected(() -> this.pki.chainValidator().validate(device.chain()),
				CertificateRejectedException.Reason.EXPIRED);
	}

	@Test
	void validateWhenNotYetValidThenRefused() {
		TestDevice device = this.pki.newDevice().build();
		this.pki.clock().advance(Duration.ofHours(-1));
		assertRejected(() -> this.pki.chainValidator().validate(device.certificate().chain()),
				CertificateRejectedException.Reason.NOT_YET_VALID);
	}

	@Test
	void validateWhenIssuedByADeviceThenNotACa() {
		TestDevice issuerDevice = this.pki.newDevice().build();
		KeyPair keys = KeySupport.generateP256();
		java.security.cert.X509Certificate leaf = CertificateSupport.build(
				X500Name.getInstance(issuerDevice.certificate().certificate().getSubjectX500Principal().getEncoded()),
				PrivateKeys.of(issuerDevice.identity()), issuerDevice.certificate().publicKey(),
				new X500Name("O=Acme,OU=TV,CN=sub"), keys.getPublic(), this.pki.clock().instant(),
				this.pki.clock().instant().plus(Duration.ofDays(1)), false, -1, KeyUsage.digitalSignature,
				List.of(attributes()));
		List<java.security.cert.X509Certificate> chain = new java.util.ArrayList<>();
		chain.add(leaf);
		chain.addAll(issuerDevice.certificate().chain());
		assertRejected(() -> this.pki.chainValidator().validate(chain), CertificateRejectedException.Reason.NOT_A_CA);
	}

	@Test
	void validateWhenLeafCannotSignThenWrongKeyUsage() {
		KeyPair root = KeySupport.generateP256();
		X500Name rootName = new X500Name("CN=Manufacturer Root");
		java.security.cert.X509Certificate rootCertificate = CertificateSupport.build(rootName, root.getPrivate(),
				root.getPublic(), rootName, root.getPublic(), this.pki.clock().instant().minusSeconds(60),
				this.pki.clock().instant().plus(Duration.ofDays(1)), true, 0, KeyUsage.keyCertSign, List.of());
		KeyPair device = KeySupport.generateP256();
		java.security.cert.X509Certificate leaf = CertificateSupport.build(rootName, root.getPrivate(),
				root.getPublic(), new X500Name("O=Acme,OU=TV,CN=x"), device.getPublic(),
				this.pki.clock().instant().minusSeconds(60), this.pki.clock().instant().plus(Duration.ofDays(1)), false,
				-1, KeyUsage.keyAgreement, List.of(attributes()));
		DeviceChainValidator validator = new DeviceChainValidator(List.of(rootCertificate), this.pki.clock());
		assertRejected(() -> validator.validate(List.of(leaf)), CertificateRejectedException.Reason.WRONG_KEY_USAGE);
		java.security.cert.X509Certificate noAttributes = CertificateSupport.build(rootName, root.getPrivate(),
				root.getPublic(), new X500Name("O=Acme,OU=TV,CN=x"), device.getPublic(),
				this.pki.clock().instant().minusSeconds(60), this.pki.clock().instant().plus(Duration.ofDays(1)), false,
				-1, KeyUsage.digitalSignature, List.of());
		assertRejected(() -> validator.validate(List.of(noAttributes)),
				CertificateRejectedException.Reason.MISSING_DEVICE_ATTRIBUTES);
	}

	@Test
	void validateWhenDeviceCertificateHasUnknownCriticalExtensionThenRefused() {
		KeyPair root = KeySupport.generateP256();
		X500Name rootName = new X500Name("CN=Manufacturer Root");
		java.security.cert.X509Certificate rootCertificate = CertificateSupport.build(rootName, root.getPrivate(),
				root.getPublic(), rootName, root.getPublic(), this.pki.clock().instant().minusSeconds(60),
				this.pki.clock().instant().plus(Duration.ofDays(1)), true, 0, KeyUsage.keyCertSign, List.of());
		DeviceChainValidator validator = new DeviceChainValidator(List.of(rootCertificate), this.pki.clock());
		KeyPair device = KeySupport.generateP256();
		org.bouncycastle.asn1.x509.Extension unknown = new org.bouncycastle.asn1.x509.Extension(
				new org.bouncycastle.asn1.ASN1ObjectIdentifier("1.3.6.1.4.1.55555.1"), true,
				new org.bouncycastle.asn1.DEROctetString(new byte[] { 0x05, 0x00 }));
		java.security.cert.X509Certificate withUnknown = CertificateSupport.build(rootName, root.getPrivate(),
				root.getPublic(), new X500Name("O=Acme,OU=TV,CN=x"), device.getPublic(),
				this.pki.clock().instant().minusSeconds(60), this.pki.clock().instant().plus(Duration.ofDays(1)), false,
				-1, KeyUsage.digitalSignature | KeyUsage.keyAgreement, List.of(attributes(), unknown));
		assertRejected(() -> validator.validate(List.of(withUnknown)),
				CertificateRejectedException.Reason.UNKNOWN_CRITICAL_EXTENSION);
		// The same certificate without that extension is accepted: the extension alone
		// makes the refusal.
		java.security.cert.X509Certificate without = CertificateSupport.build(rootName, root.getPrivate(),
				root.getPublic(), new X500Name("O=Acme,OU=TV,CN=x"), device.getPublic(),
				this.pki.clock().instant().minusSeconds(60), this.pki.clock().instant().plus(Duration.ofDays(1)), false,
				-1, KeyUsage.digitalSignature | KeyUsage.keyAgreement, List.of(attributes()));
		assertThat(validator.validate(List.of(without)).publicKey().getEncoded())
			.isEqualTo(device.getPublic().getEncoded());
	}

	@Test
	void validateWhenEmptyOrGarbageThenMalformed() {
		assertRejected(() -> this.pki.chainValidator().validate(List.of()),
				CertificateRejectedException.Reason.MALFORMED);
		assertRejected(() -> this.pki.chainValidator().validateEncoded(List.of("AAAA")),
				CertificateRejectedException.Reason.MALFORMED);
	}

	@Test
	void pemRoundTripKeepsTheChain() {
		TestDevice device = this.pki.newDevice().build();
		String pem = CertificatePem.encode(device.certificate().chain());
		assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----");
		assertThat(CertificatePem.decode(pem)).isEqualTo(device.certificate().chain());
	}

	private static org.bouncycastle.asn1.x509.Extension attributes() {
		return new org.bouncycastle.asn1.x509.Extension(DeviceAttributesExtension.ASN1_OID, false,
				new org.bouncycastle.asn1.DEROctetString(
						DeviceAttributesExtension.encode(SecurityLevel.of(1), HdcpVersion.HDCP_NONE)));
	}

	private static byte[] csr(KeyPair keys, String algorithm) throws Exception {
		return new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=x"), keys.getPublic())
			.build(new JcaContentSignerBuilder(algorithm).build(keys.getPrivate()))
			.getEncoded();
	}

	private static void assertRejected(org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
			CertificateRejectedException.Reason reason) {
		assertThatExceptionOfType(CertificateRejectedException.class).isThrownBy(call)
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

}
