package io.voucher.crypto.group;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.voucher.crypto.testing.Jws;
import io.voucher.crypto.testing.TestDevice;
import io.voucher.crypto.testing.TestPki;
import io.voucher.crypto.voucher.Binding;
import io.voucher.crypto.voucher.LicenseSpec;
import io.voucher.crypto.voucher.OpenedVoucher;
import io.voucher.crypto.voucher.Recipient;
import io.voucher.crypto.voucher.VoucherRejectedException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class GroupCredentialTests {

	private final TestPki pki = TestPki.create();

	private final TestDevice member = this.pki.newDevice().build();

	private final GroupId groupId = new GroupId("family-1");

	private final GroupKeyPair generation1 = GroupKeyPair.generate(this.groupId, 1);

	private Instant inADay() {
		return this.pki.clock().instant().plus(Duration.ofDays(1));
	}

	@Test
	void openWhenIssuedToThisDeviceThenMembershipOpensGroupVouchers() {
		TestDevice rsaMember = this.pki.newDevice().rsa().build();
		for (TestDevice device : java.util.List.of(this.member, rsaMember)) {
			String credential = this.pki.groupCredentialIssuer()
				.issue(this.generation1, device.certificate(), inADay());
			GroupMembership membership = this.pki.groupCredentialOpener().open(credential, device.identity());
			assertThat(membership.groupId()).isEqualTo(this.groupId);
			assertThat(membership.generation()).isEqualTo(1);
			LicenseSpec spec = this.pki.license(Binding.group(this.groupId, 1)).build();
			String voucher = this.pki.voucherIssuer()
				.issue(spec, Recipient.group(this.generation1.publicKey()))
				.compact();
			OpenedVoucher opened = this.pki.voucherOpener().open(voucher, membership);
			assertThat(opened.contentKeys().get(0).key().equalsSecret(spec.contentKeys().get(0).key())).isTrue();
		}
	}

	@Test
	void restoreWhenExportedThenSameGroupKey() {
		GroupKeyPair restored = GroupKeyPair.restore(this.generation1.publicKey(), this.generation1.exportPkcs8());
		String credential = this.pki.groupCredentialIssuer().issue(restored, this.member.certificate(), inADay());
		GroupMembership membership = this.pki.groupCredentialOpener().open(credential, this.member.identity());
		LicenseSpec spec = this.pki.license(Binding.group(this.groupId, 1)).build();
		String voucher = this.pki.voucherIssuer().issue(spec, Recipient.group(this.generation1.publicKey())).compact();
		assertThat(this.pki.voucherOpener().open(voucher, membership).contentKeys()).hasSize(1);
	}

	@Test
	void openWhenIssuedToAnotherDeviceThenRefused() {
		TestDevice other = this.pki.newDevice().build();
		String credential = this.pki.groupCredentialIssuer().issue(this.generation1, other.certificate(), inADay());
		assertRejected(() -> this.pki.groupCredentialOpener().open(credential, this.member.identity()),
				GroupCredentialRejectedException.Reason.ISSUED_TO_ANOTHER_DEVICE);
	}

	@Test
	void openWhenExpiredThenRefused() {
		String credential = this.pki.groupCredentialIssuer()
			.issue(this.generation1, this.member.certificate(), inADay());
		this.pki.clock().advance(Duration.ofDays(2));
		assertRejected(() -> this.pki.groupCredentialOpener().open(credential, this.member.identity()),
				GroupCredentialRejectedException.Reason.EXPIRED);
	}

	@Test
	void openWhenTamperedThenRefused() throws Exception {
		String credential = this.pki.groupCredentialIssuer()
			.issue(this.generation1, this.member.certificate(), inADay());
		Map<String, Object> payload = Jws.payload(credential);
		payload.put("generation", 7);
		assertRejected(
				() -> this.pki.groupCredentialOpener()
					.open(Jws.withPayload(credential, payload), this.member.identity()),
				GroupCredentialRejectedException.Reason.TAMPERED);
	}

	@Test
	void openWhenSignedByForeignSignerThenRefused() {
		String credential = TestPki.create()
			.groupCredentialIssuer()
			.issue(this.generation1, this.member.certificate(), inADay());
		assertRejected(() -> this.pki.groupCredentialOpener().open(credential, this.member.identity()),
				GroupCredentialRejectedException.Reason.FOREIGN_SIGNER);
	}

	@Test
	void openWhenGroupKeyOfAnotherGenerationThenKeyBlockMismatch() throws Exception {
		GroupKeyPair generation2 = GroupKeyPair.generate(this.groupId, 2);
		Map<String, Object> claims = Jws
			.payload(this.pki.groupCredentialIssuer().issue(this.generation1, this.member.certificate(), inADay()));
		claims.put("group_key",
				Jws.payload(this.pki.groupCredentialIssuer().issue(generation2, this.member.certificate(), inADay()))
					.get("group_key"));
		String spliced = this.pki.signingKeys().sign(GroupCredentialIssuer.TYPE, claims);
		assertRejected(() -> this.pki.groupCredentialOpener().open(spliced, this.member.identity()),
				GroupCredentialRejectedException.Reason.KEY_BLOCK_MISMATCH);
	}

	@Test
	void openVoucherWhenGroupGenerationRolledThenRefused() {
		GroupKeyPair generation2 = GroupKeyPair.generate(this.groupId, 2);
		GroupMembership old = this.pki.groupCredentialOpener()
			.open(this.pki.groupCredentialIssuer().issue(this.generation1, this.member.certificate(), inADay()),
					this.member.identity());
		String voucher = this.pki.voucherIssuer()
			.issue(this.pki.license(Binding.group(this.groupId, 2)).build(), Recipient.group(generation2.publicKey()))
			.compact();
		assertVoucherRejected(() -> this.pki.voucherOpener().open(voucher, old),
				VoucherRejectedException.Reason.GROUP_GENERATION_MISMATCH);
	}

	@Test
	void openVoucherWhenBoundToAnotherGroupOrToADeviceThenRefused() {
		GroupKeyPair otherGroup = GroupKeyPair.generate(new GroupId("other"), 1);
		GroupMembership membership = this.pki.groupCredentialOpener()
			.open(this.pki.groupCredentialIssuer().issue(this.generation1, this.member.certificate(), inADay()),
					this.member.identity());
		String voucher = this.pki.voucherIssuer()
			.issue(this.pki.license(Binding.group(new GroupId("other"), 1)).build(),
					Recipient.group(otherGroup.publicKey()))
			.compact();
		assertVoucherRejected(() -> this.pki.voucherOpener().open(voucher, membership),
				VoucherRejectedException.Reason.BOUND_TO_ANOTHER_GROUP);
		String deviceVoucher = this.pki.voucherIssuer()
			.issue(this.pki.license(this.member).build(), Recipient.device(this.member.certificate()))
			.compact();
		assertVoucherRejected(() -> this.pki.voucherOpener().open(deviceVoucher, membership),
				VoucherRejectedException.Reason.WRONG_BINDING_KIND);
		assertVoucherRejected(() -> this.member.open(voucher), VoucherRejectedException.Reason.WRONG_BINDING_KIND);
	}

	private static void assertRejected(ThrowingCallable call, GroupCredentialRejectedException.Reason reason) {
		assertThatExceptionOfType(GroupCredentialRejectedException.class).isThrownBy(call)
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

	private static void assertVoucherRejected(ThrowingCallable call, VoucherRejectedException.Reason reason) {
		assertThatExceptionOfType(VoucherRejectedException.class).isThrownBy(call)
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

}
