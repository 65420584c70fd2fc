package io.voucher.crypto.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.voucher.crypto.challenge.ChallengeVerifier;
import io.voucher.crypto.group.GroupCredentialIssuer;
import io.voucher.crypto.group.GroupCredentialOpener;
import io.voucher.crypto.keys.LicenseRoot;
import io.voucher.crypto.keys.LicenseTrust;
import io.voucher.crypto.keys.SecretBytes;
import io.voucher.crypto.keys.SigningKeyRing;
import io.voucher.crypto.pki.DeviceCa;
import io.voucher.crypto.pki.DeviceChainValidator;
import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.KeyType;
import io.voucher.crypto.pki.SecurityLevel;
import io.voucher.crypto.voucher.Binding;
import io.voucher.crypto.voucher.ContentKey;
import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.LicenseSpec;
import io.voucher.crypto.voucher.TrackType;
import io.voucher.crypto.voucher.VoucherIssuer;
import io.voucher.crypto.voucher.VoucherOpener;

/**
 * A complete test PKI generated at test time: a Device CA (root + intermediate), a
 * license root and signing key, a movable clock, and builders for devices and licenses.
 * For this module's tests and, through the test-jar, for the other modules':
 *
 * <pre>
 * TestPki pki = TestPki.create();
 * TestDevice device = pki.newDevice().make("Acme").model("TV").securityLevel(3).build();
 * String challenge = device.challenge().contentId("c1").keyIds(kid).build();
 * </pre>
 */
public final class TestPki {

	private final TestClock clock;

	private final DeviceCa deviceCa;

	private final LicenseRoot licenseRoot;

	private final SigningKeyRing signingKeys;

	private final DeviceChainValidator chainValidator;

	private TestPki(TestClock clock) {
		this.clock = clock;
		this.deviceCa = DeviceCa.generate("Test Device CA", true, clock);
		this.licenseRoot = LicenseRoot.generate("Test License Root", clock);
		this.signingKeys = SigningKeyRing
			.of(this.licenseRoot.issueSigningKey("Test License Signing", Duration.ofDays(365)));
		this.chainValidator = new DeviceChainValidator(List.of(this.deviceCa.root()), clock);
	}

	/**
	 * A fresh PKI, its clock at the current second.
	 * @return the PKI
	 */
	public static TestPki create() {
		return new TestPki(TestClock.now());
	}

	public TestClock clock() {
		return this.clock;
	}

	public DeviceCa deviceCa() {
		return this.deviceCa;
	}

	public LicenseRoot licenseRoot() {
		return this.licenseRoot;
	}

	public SigningKeyRing signingKeys() {
		return this.signingKeys;
	}

	public DeviceChainValidator chainValidator() {
		return this.chainValidator;
	}

	public ChallengeVerifier challengeVerifier() {
		return new ChallengeVerifier(this.chainValidator, this.clock);
	}

	public VoucherIssuer voucherIssuer() {
		return new VoucherIssuer(this.signingKeys);
	}

	/** The device side's trust: the pinned license root, on the same clock. */
	public LicenseTrust licenseTrust() {
		return LicenseTrust.pinning(this.licenseRoot.certificate(), this.clock);
	}

	public VoucherOpener voucherOpener() {
		return new VoucherOpener(licenseTrust(), Duration.ZERO);
	}

	public GroupCredentialIssuer groupCredentialIssuer() {
		return new GroupCredentialIssuer(this.signingKeys, this.clock);
	}

	public GroupCredentialOpener groupCredentialOpener() {
		return new GroupCredentialOpener(licenseTrust(), Duration.ZERO);
	}

	/**
	 * Starts a device: EC P-256, "Acme" "TV", level 3, HDCP_V2 unless changed.
	 * @return the builder
	 */
	public DeviceBuilder newDevice() {
		return new DeviceBuilder();
	}

	/**
	 * A license spec builder prefilled for a device: random license id, content "c1",
	 * provider "acme", valid one day from now, one random HD key.
	 * @param device the device
	 * @return the builder
	 */
	public LicenseSpec.Builder license(TestDevice device) {
		return license(Binding.device(device.fingerprint()));
	}

	/**
	 * A license spec builder prefilled for a binding (see {@link #license(TestDevice)}).
	 * @param binding the binding
	 * @return the builder
	 */
	public LicenseSpec.Builder license(Binding binding) {
		Instant now = this.clock.instant();
		return LicenseSpec.builder()
			.licenseId(UUID.randomUUID().toString())
			.contentId("c1")
			.provider("acme")
			.issuedAt(now)
			.expiresAt(now.plus(Duration.ofDays(1)))
			.binding(binding)
			.key(contentKey(TrackType.HD));
	}

	/**
	 * A random content key.
	 * @param trackType its track type
	 * @return the key (level 1, no HDCP required)
	 */
	public static ContentKey contentKey(TrackType trackType) {
		return ContentKey.of(KeyId.random(), trackType, SecurityLevel.of(1), HdcpVersion.HDCP_NONE,
				SecretBytes.random(16));
	}

	/**
	 * Builds a test device through the real individualization path (key pair, CSR, Device
	 * CA).
	 */
	public final class DeviceBuilder {

		private String make = "Acme";

		private String model = "TV";

		private int securityLevel = 3;

		private HdcpVersion maxHdcp = HdcpVersion.HDCP_V2;

		private KeyType keyType = KeyType.EC_P256;

		private DeviceBuilder() {
		}

		public DeviceBuilder make(String make) {
			this.make = make;
			return this;
		}

		public DeviceBuilder model(String model) {
			this.model = model;
			return this;
		}

		public DeviceBuilder securityLevel(int securityLevel) {
			this.securityLevel = securityLevel;
			return this;
		}

		public DeviceBuilder maxHdcp(HdcpVersion maxHdcp) {
			this.maxHdcp = maxHdcp;
			return this;
		}

		public DeviceBuilder keyType(KeyType keyType) {
			this.keyType = keyType;
			return this;
		}

		public DeviceBuilder rsa() {
			return keyType(KeyType.RSA);
		}

		public TestDevice build() {
			io.voucher.crypto.pki.DeviceKeyPair keys = io.voucher.crypto.pki.DeviceKeyPair.generate(this.keyType);
			io.voucher.crypto.pki.DeviceCertificate certificate = TestPki.this.deviceCa.issue(keys.createCsr(),
					new io.voucher.crypto.pki.DeviceProfile(this.make, this.model, SecurityLevel.of(this.securityLevel),
							this.maxHdcp));
			return new TestDevice(keys.certified(certificate), TestPki.this);
		}

	}

	Clock deviceClock() {
		return this.clock;
	}

}
