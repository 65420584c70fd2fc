package io.voucher.crypto.revocation;

import java.util.Map;
import java.util.Set;

import io.voucher.crypto.testing.Jws;
import io.voucher.crypto.testing.TestDevice;
import io.voucher.crypto.testing.TestPki;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RevocationListTests {

	private final TestPki pki = TestPki.create();

	private final TestDevice revoked = this.pki.newDevice().build();

	private final TestDevice fine = this.pki.newDevice().build();

	private final RevocationList list = new RevocationList(4, this.pki.clock().instant(),
			Set.of(this.revoked.fingerprint()));

	@Test
	void verifyWhenSignedThenListRecovered() {
		String signed = RevocationLists.sign(this.list, this.pki.signingKeys());
		RevocationList verified = RevocationLists.verify(signed, this.pki.licenseTrust(), 3);
		assertThat(verified).isEqualTo(this.list);
		assertThat(verified.isRevoked(this.revoked.fingerprint())).isTrue();
		assertThat(verified.isRevoked(this.fine.fingerprint())).isFalse();
	}

	@Test
	void verifyWhenOlderThanKnownThenRolledBack() {
		String signed = RevocationLists.sign(this.list, this.pki.signingKeys());
		assertRejected(() -> RevocationLists.verify(signed, this.pki.licenseTrust(), 5),
				RevocationListRejectedException.Reason.ROLLED_BACK);
	}

	@Test
	void verifyWhenTamperedThenRefused() throws Exception {
		String signed = RevocationLists.sign(this.list, this.pki.signingKeys());
		Map<String, Object> payload = Jws.payload(signed);
		payload.put("revoked", java.util.List.of());
		assertRejected(() -> RevocationLists.verify(Jws.withPayload(signed, payload), this.pki.licenseTrust(), -1),
				RevocationListRejectedException.Reason.TAMPERED);
	}

	@Test
	void verifyWhenForeignSignerThenRefused() {
		String signed = RevocationLists.sign(this.list, TestPki.create().signingKeys());
		assertRejected(() -> RevocationLists.verify(signed, this.pki.licenseTrust(), -1),
				RevocationListRejectedException.Reason.FOREIGN_SIGNER);
	}

	private static void assertRejected(ThrowingCallable call, RevocationListRejectedException.Reason reason) {
		assertThatExceptionOfType(RevocationListRejectedException.class).isThrownBy(call)
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(reason));
	}

}
