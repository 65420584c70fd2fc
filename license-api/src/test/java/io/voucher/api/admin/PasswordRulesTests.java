package io.voucher.api.admin;

import io.voucher.api.web.ApiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The password rules, without a server: which passwords are too easy to guess, and which
 * pass.
 */
class PasswordRulesTests {

	@ParameterizedTest
	@ValueSource(strings = { "eleven char", "aaaaaaaaaaaa", "ababababababab", "abcdabcdabcdabcd", "abcdefghijklm",
			"yzabcdefghijkl", "123456789012", "890123456789", "987654321098", "qwertyuiopasdfgh", "1q2w3e4r5t6y",
			"1qaz2wsx3edc", "PASSWORDPASSWORD", "Password1234!", "!!password2026", "monkeymonkeymonkey",
			"iloveyou12345", "administrator", "Summer2026!!!", "operator-anna", "2026operator-anna",
			"operator-annaoperator-anna" })
	void refusedWhenTooEasyToGuess(String password) {
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> PasswordRules.check("operator-anna", password))
			.satisfies((ex) -> assertThat(ex.code().name()).isEqualTo("WEAK_PASSWORD"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "session admin password", "one-time password", "a long new password",
			"long enough password", "twelve chars", "correct horse battery staple", "Tr0ub4dor&3xyz",
			"password manager generated: k7#Qp9!zR2", "anna's summer garden" })
	void acceptedWhenNotTrivial(String password) {
		assertThat(PasswordRules.weakness("operator-anna", password)).isNull();
	}

	@ParameterizedTest
	@ValueSource(ints = { 200 })
	void acceptedUpToTheLimit(int length) {
		String password = "four unrelated words ".repeat(10).substring(0, length);

		assertThat(PasswordRules.weakness("anna", password)).isNull();
	}

	@ParameterizedTest
	@ValueSource(ints = { 201, 1000 })
	void refusedAsInvalidBeyondTheLimit(int length) {
		String password = "four unrelated words ".repeat(50).substring(0, length);

		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> PasswordRules.check("anna", password))
			.satisfies((ex) -> assertThat(ex.code().name()).isEqualTo("VALIDATION_FAILED"));
	}

}
