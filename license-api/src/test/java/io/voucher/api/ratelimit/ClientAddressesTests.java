package io.voucher.api.ratelimit;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressesTests {

	@Test
	void keyOfWhenNoTrustedProxyThenForwardedForIgnored() {
		ClientAddresses addresses = new ClientAddresses(List.of());

		assertThat(addresses.keyOf(request("198.51.100.7", "203.0.113.1"))).isEqualTo("198.51.100.7");
	}

	@Test
	void keyOfWhenPeerIsNotATrustedProxyThenForwardedForIgnored() {
		ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8"));

		assertThat(addresses.keyOf(request("198.51.100.7", "203.0.113.1"))).isEqualTo("198.51.100.7");
	}

	@Test
	void keyOfWhenBehindTrustedProxiesThenNearestUntrustedHop() {
		ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8"));

		// The client made up the first entry; the proxies appended the others.
		String key = addresses.keyOf(request("10.0.0.2", "192.0.2.99, 203.0.113.1, 10.0.0.1"));

		assertThat(key).isEqualTo("203.0.113.1");
	}

	@Test
	void keyOfWhenForwardedForIsNotAnAddressThenThePeer() {
		ClientAddresses addresses = new ClientAddresses(List.of("10.0.0.0/8"));

		assertThat(addresses.keyOf(request("10.0.0.2", "evil.example"))).isEqualTo("10.0.0.2");
	}

	@Test
	void keyOfWhenIpv6ThenItsSlash64() {
		ClientAddresses addresses = new ClientAddresses(List.of());

		assertThat(addresses.keyOf(request("2001:db8:1:2:aaaa:bbbb:cccc:dddd", null)))
			.isEqualTo(addresses.keyOf(request("2001:db8:1:2::1", null)))
			.isNotEqualTo(addresses.keyOf(request("2001:db8:1:3::1", null)));
	}

	private static MockHttpServletRequest request(String peer, String forwardedFor) {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/device/v1/trust");
		request.setRemoteAddr(peer);
		if (forwardedFor != null) {
			request.addHeader("X-Forwarded-For", forwardedFor);
		}
		return request;
	}

}
