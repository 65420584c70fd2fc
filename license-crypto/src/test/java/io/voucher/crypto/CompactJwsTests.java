package io.voucher.crypto;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CompactJwsTests {

	static final String JWS = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl";

	@Test
	void compactJwsIsTakenAsItIsAroundWhiteSpace() {
		assertThat(CompactJws.parse("  " + JWS + "\n")).isEqualTo(JWS);
		assertThat(CompactJws.parse(JWS.getBytes(StandardCharsets.US_ASCII))).isEqualTo(JWS);
	}

	@Test
	void base64OfACompactJwsIsDecodedWithOrWithoutPadding() {
		String base64 = Base64.getEncoder().encodeToString(JWS.getBytes(StandardCharsets.US_ASCII));

		assertThat(CompactJws.parse(base64)).isEqualTo(JWS);
		assertThat(CompactJws.parse(base64.replace("=", ""))).isEqualTo(JWS);
	}

	@Test
	void anythingElseIsRefusedWithoutRepair() {
		String base64 = Base64.getEncoder().encodeToString(JWS.getBytes(StandardCharsets.US_ASCII));

		// A MIME decoder skips the '*' and the line break: this one refuses them.
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CompactJws.parse(base64.substring(0, 8) + "*" + base64.substring(8)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CompactJws.parse(base64.substring(0, 8) + "\n" + base64.substring(8)));
		assertThatIllegalArgumentException().isThrownBy(() -> CompactJws.parse("a.b"));
		assertThatIllegalArgumentException().isThrownBy(() -> CompactJws.parse("a..c"));
		assertThatIllegalArgumentException().isThrownBy(() -> CompactJws.parse("a.b.c.d.e"));
		assertThatIllegalArgumentException().isThrownBy(() -> CompactJws.parse("a.b+.c"));
		assertThatIllegalArgumentException().isThrownBy(() -> CompactJws.parse(""));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CompactJws
				.parse(Base64.getEncoder().encodeToString("not a jws".getBytes(StandardCharsets.US_ASCII))))
			.withMessageNotContaining("not a jws");
	}

}
