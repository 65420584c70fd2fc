package io.voucher.crypto.testing;

import java.util.List;

import io.voucher.crypto.challenge.Challenge;
import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.challenge.GroupRequest;
import io.voucher.crypto.challenge.RegistrationRequest;
import io.voucher.crypto.challenge.RequestType;
import io.voucher.crypto.group.GroupId;
import io.voucher.crypto.pki.DeviceCertificate;
import io.voucher.crypto.pki.DeviceFingerprint;
import io.voucher.crypto.pki.DeviceIdentity;
import io.voucher.crypto.voucher.KeyId;
import io.voucher.crypto.voucher.LicenseType;
import io.voucher.crypto.voucher.OpenedVoucher;

/**
 * A test device: a real key pair and device certificate from a {@link TestPki}.
 */
public final class TestDevice {

	private final DeviceIdentity identity;

	private final TestPki pki;

	TestDevice(DeviceIdentity identity, TestPki pki) {
		this.identity = identity;
		this.pki = pki;
	}

	public DeviceIdentity identity() {
		return this.identity;
	}

	public DeviceCertificate certificate() {
		return this.identity.certificate();
	}

	public DeviceFingerprint fingerprint() {
		return this.identity.fingerprint();
	}

	/**
	 * Starts a challenge signed by this device, issued at the PKI clock's time.
	 * @return the builder; {@code build()} returns the compact JWS
	 */
	public ChallengeBuilder challenge() {
		return new ChallengeBuilder();
	}

	/**
	 * A registration of {@code generatedId} with {@code provider}, signed by this device
	 * at the PKI clock's time.
	 * @param generatedId the generated ID
	 * @param provider the provider's name
	 * @return the compact JWS
	 */
	public String register(GeneratedId generatedId, String provider) {
		return RegistrationRequest.of(generatedId, provider, this.pki.clock()).signWith(this.identity);
	}

	/**
	 * A group request signed by this device at the PKI clock's time.
	 * @param action what the device asks
	 * @param groupId the group's id
	 * @param joinToken the join token ({@code JOIN} only)
	 * @return the compact JWS
	 */
	public String groupRequest(GroupRequest.Action action, String groupId, String joinToken) {
		return GroupRequest.of(action, new GroupId(groupId), joinToken, this.pki.clock()).signWith(this.identity);
	}

	/**
	 * Opens a voucher as this device, trusting the PKI's license root.
	 * @param voucher the compact JWS
	 * @return the opened voucher
	 */
	public OpenedVoucher open(String voucher) {
		return this.pki.voucherOpener().open(voucher, this.identity);
	}

	/**
	 * Builds a signed challenge.
	 */
	public final class ChallengeBuilder {

		private final Challenge.Builder builder = Challenge.builder()
			.clock(TestDevice.this.pki.deviceClock())
			.contentId("c1");

		public ChallengeBuilder contentId(String contentId) {
			this.builder.contentId(contentId);
			return this;
		}

		public ChallengeBuilder keyIds(KeyId... keyIds) {
			this.builder.keyIds(keyIds);
			return this;
		}

		public ChallengeBuilder keyIds(List<KeyId> keyIds) {
			this.builder.keyIds(keyIds);
			return this;
		}

		public ChallengeBuilder licenseType(LicenseType licenseType) {
			this.builder.licenseType(licenseType);
			return this;
		}

		public ChallengeBuilder renewal(String licenseId, String sessionToken) {
			this.builder.requestType(RequestType.RENEWAL).licenseId(licenseId).sessionToken(sessionToken);
			return this;
		}

		public ChallengeBuilder release(String licenseId) {
			this.builder.requestType(RequestType.RELEASE).licenseId(licenseId);
			return this;
		}

		public ChallengeBuilder clientToken(String clientToken) {
			this.builder.clientToken(clientToken);
			return this;
		}

		public ChallengeBuilder nonce(String nonce) {
			this.builder.nonce(nonce);
			return this;
		}

		public ChallengeBuilder issuedAt(java.time.Instant issuedAt) {
			this.builder.issuedAt(issuedAt);
			return this;
		}

		/** The unsigned challenge. */
		public Challenge unsigned() {
			return this.builder.build();
		}

		/** The signed challenge (compact JWS). */
		public String build() {
			return this.builder.build().signWith(TestDevice.this.identity);
		}

	}

}
