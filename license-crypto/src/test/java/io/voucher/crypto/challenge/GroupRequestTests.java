package io.voucher.crypto.challenge;

import java.time.Instant;

import io.voucher.crypto.group.GroupId;
import io.voucher.crypto.group.GroupKeyPair;
import io.voucher.crypto.group.GroupPublicKey;
import io.voucher.crypto.testing.TestDevice;
import io.voucher.crypto.testing.TestPki;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GroupRequestTests {

	private final TestPki pki = TestPki.create();

	private final TestDevice device = this.pki.newDevice().build();

	private final ChallengeVerifier verifier = this.pki.challengeVerifier();

	@Test
	void verifyGroupRequestWhenJoinSignedByDeviceThenActionGroupAndToken() {
		String compact = this.device.groupRequest(GroupRequest.Action.JOIN, "family-1", "jt_secret");

		VerifiedGroupRequest verified = this.verifier.verifyGroupRequest(compact);

		assertThat(verified.request().action()).isEqualTo(GroupRequest.Action.JOIN);
		assertThat(verified.request().groupId()).isEqualTo(new GroupId("family-1"));
		assertThat(verified.request().joinToken()).isEqualTo("jt_secret");
		assertThat(verified.device().fingerprint()).isEqualTo(this.device.fingerprint());
	}

	@Test
	void verifyGroupRequestWhenGivenARegistrationThenWrongType() {
		String registration = this.device.register(GeneratedId.random(), "acme");
		assertThatExceptionOfType(ChallengeRejectedException.class)
			.isThrownBy(() -> this.verifier.verifyGroupRequest(registration))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(ChallengeRejectedException.Reason.WRONG_TYPE));
	}

	@Test
	void groupRequestWhenJoinWithoutTokenOrLeaveWithTokenThenRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> new GroupRequest("0123456789abcdef", Instant.now(),
				GroupRequest.Action.JOIN, new GroupId("g"), null));
		assertThatIllegalArgumentException().isThrownBy(() -> new GroupRequest("0123456789abcdef", Instant.now(),
				GroupRequest.Action.LEAVE, new GroupId("g"), "token"));
	}

	@Test
	void challengeWithGroupIdCarriesItThroughVerification() {
		String compact = Challenge.builder()
			.contentId("movie")
			.groupId("family-1")
			.clock(this.pki.clock())
			.build()
			.signWith(this.device.identity());

		assertThat(this.verifier.verify(compact).challenge().groupId()).isEqualTo("family-1");
	}

	@Test
	void groupPublicKeyDecodesWhatItEncodes() {
		GroupPublicKey key = GroupKeyPair.generate(new GroupId("g"), 3).publicKey();

		GroupPublicKey decoded = GroupPublicKey.decode(key.groupId(), 3, key.encoded());

		assertThat(decoded.key().getEncoded()).isEqualTo(key.key().getEncoded());
		assertThat(decoded.generation()).isEqualTo(3);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> GroupPublicKey.decode(key.groupId(), 3, new byte[] { 1, 2, 3 }));
	}

}
