package io.voucher.client;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.voucher.client.platform.BundledLicense;
import io.voucher.client.platform.DevicePlatform;
import io.voucher.client.platform.GroupCredentialAnswer;
import io.voucher.client.platform.LicenseBundle;
import io.voucher.client.platform.RegistrationAnswer;
import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.challenge.VerifiedGroupRequest;
import io.voucher.crypto.challenge.VerifiedRegistration;
import io.voucher.crypto.group.GroupId;
import io.voucher.crypto.group.GroupKeyPair;
import io.voucher.crypto.pki.CertificatePem;
import io.voucher.crypto.pki.DeviceCertificate;
import io.voucher.crypto.pki.DeviceFingerprint;
import io.voucher.crypto.pki.DeviceProfile;
import io.voucher.crypto.revocation.RevocationList;
import io.voucher.crypto.revocation.RevocationLists;
import io.voucher.crypto.testing.TestPki;
import io.voucher.crypto.voucher.Binding;
import io.voucher.crypto.voucher.LicenseSpec;
import io.voucher.crypto.voucher.Recipient;

/**
 * A platform in process, on a {@link TestPki}: the device API's behaviour without HTTP,
 * with helpers that issue licenses the way pre-generation does.
 */
final class InProcessPlatform implements DevicePlatform {

	final TestPki pki;

	final Map<GeneratedId, DeviceCertificate> registrations = new HashMap<>();

	final Map<GeneratedId, List<BundledLicense>> bundles = new HashMap<>();

	final Map<GroupId, GroupKeyPair> groups = new HashMap<>();

	final Set<DeviceFingerprint> revoked = new HashSet<>();

	long revocationSequence;

	InProcessPlatform(TestPki pki) {
		this.pki = pki;
	}

	@Override
	public List<byte[]> individualize(byte[] csr, DeviceProfile profile) {
		return this.pki.deviceCa().issue(csr, profile).chainDer();
	}

	@Override
	public String licenseRootPem() {
		return CertificatePem.encode(List.of(this.pki.licenseRoot().certificate()));
	}

	@Override
	public RegistrationAnswer register(String registration) {
		VerifiedRegistration verified = this.pki.challengeVerifier().verifyRegistration(registration);
		GeneratedId id = verified.request().generatedId();
		DeviceCertificate previous = this.registrations.putIfAbsent(id, verified.device());
		if (previous != null && !previous.equals(verified.device())) {
			throw new DrmException(DrmError.REGISTRATION_CONFLICT, "another certificate", "REGISTRATION_CONFLICT",
					null);
		}
		return new RegistrationAnswer(id, verified.device().fingerprint().value(), "ACTIVE", this.pki.clock().instant(),
				"/device/v1/registrations/" + id + "/licenses", previous == null);
	}

	@Override
	public LicenseBundle bundle(GeneratedId generatedId) {
		return new LicenseBundle(1, this.bundles.getOrDefault(generatedId, List.of()));
	}

	@Override
	public LicenseBundle bundle(URI url) {
		throw new UnsupportedOperationException();
	}

	@Override
	public LicenseBundle groupBundle(GroupId groupId) {
		throw new UnsupportedOperationException();
	}

	@Override
	public GroupCredentialAnswer joinGroup(GroupId groupId, String request) {
		VerifiedGroupRequest verified = this.pki.challengeVerifier().verifyGroupRequest(request);
		GroupKeyPair key = this.groups.computeIfAbsent(groupId, (id) -> GroupKeyPair.generate(id, 1));
		return credential(key, verified.device());
	}

	@Override
	public GroupCredentialAnswer groupCredential(GroupId groupId, String request) {
		return credential(this.groups.get(groupId), this.pki.challengeVerifier().verifyGroupRequest(request).device());
	}

	@Override
	public long leaveGroup(GroupId groupId, DeviceFingerprint fingerprint, String request) {
		return rollGroup(groupId);
	}

	@Override
	public String revocationList() {
		return RevocationLists.sign(
				new RevocationList(this.revocationSequence, this.pki.clock().instant(), this.revoked),
				this.pki.signingKeys());
	}

	long rollGroup(GroupId groupId) {
		long next = this.groups.get(groupId).publicKey().generation() + 1;
		this.groups.put(groupId, GroupKeyPair.generate(groupId, next));
		return next;
	}

	void revoke(DeviceFingerprint fingerprint) {
		this.revoked.add(fingerprint);
		this.revocationSequence++;
	}

	/**
	 * Issues a license to the device registered with an ID and puts it in its bundle.
	 */
	String preGenerate(GeneratedId id, LicenseSpec.Builder spec) {
		DeviceCertificate device = this.registrations.get(id);
		LicenseSpec built = spec.binding(Binding.device(device.fingerprint())).build();
		String voucher = this.pki.voucherIssuer().issue(built, Recipient.device(device)).compact();
		this.bundles.computeIfAbsent(id, (key) -> new ArrayList<>())
			.add(new BundledLicense(built.terms().licenseId(), built.terms().contentId(), voucher));
		return voucher;
	}

	/**
	 * Issues a license bound to a group's current generation.
	 */
	String issueToGroup(GroupId groupId, LicenseSpec.Builder spec) {
		GroupKeyPair key = this.groups.get(groupId);
		return this.pki.voucherIssuer()
			.issue(spec.binding(Binding.group(groupId, key.publicKey().generation())).build(),
					Recipient.group(key.publicKey()))
			.compact();
	}

	private GroupCredentialAnswer credential(GroupKeyPair key, DeviceCertificate device) {
		Instant expiresAt = this.pki.clock().instant().plus(Duration.ofDays(30));
		return new GroupCredentialAnswer(key.publicKey().groupId(), key.publicKey().generation(),
				this.pki.groupCredentialIssuer().issue(key, device, expiresAt), expiresAt);
	}

}
