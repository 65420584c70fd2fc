package io.voucher.domain.cors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CorsOriginTests {

	@ParameterizedTest
	@CsvSource({ "https://player.example.com, https://player.example.com",
			"HTTPS://Player.Example.COM, https://player.example.com", "https://example.com:443, https://example.com",
			"http://localhost:8080, http://localhost:8080", "http://example.com:80, http://example.com",
			"http://[::1]:3000, http://[::1]:3000", "https://xn--bcher-kva.example, https://xn--bcher-kva.example" })
	void ofWhenOriginThenSerializedAsBrowsersSendIt(String text, String expected) {
		assertThat(CorsOrigin.of(text).value()).isEqualTo(expected);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "*", "https://*.example.com", "null", "example.com", "ftp://example.com",
			"javascript:alert(1)", "https://example.com/", "https://example.com/player", "https://example.com?x=1",
			"https://example.com#top", "https://user@example.com", "https://exa mple.com", "https://bücher.example",
			"https://example.com:0", "https://-example.com", "file:///etc/passwd", "https://" })
	void ofWhenNotAnOriginThenRefused(String text) {
		assertThatExceptionOfType(InvalidCorsOriginException.class).isThrownBy(() -> CorsOrigin.of(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "HTTPS://example.com", "https://example.com:443" })
	void constructorWhenNotSerializedFormThenRefused(String text) {
		assertThatExceptionOfType(InvalidCorsOriginException.class).isThrownBy(() -> new CorsOrigin(text));
	}

}
