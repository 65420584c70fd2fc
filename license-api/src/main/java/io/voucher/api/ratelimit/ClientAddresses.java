package io.voucher.api.ratelimit;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Decides which client address a request counts against. The TCP peer is the client,
 * unless it is a configured trusted proxy: then the nearest {@code X-Forwarded-For} entry
 * that is not itself a trusted proxy is. An IPv6 client counts by its /64 prefix, the
 * smallest block one subscriber usually gets, so that rotating through its own addresses
 * does not buy more requests.
 */
final class ClientAddresses {

	private final List<IpAddressMatcher> trustedProxies;

	ClientAddresses(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies.stream().map(String::trim).map(IpAddressMatcher::new).toList();
	}

	/**
	 * Returns the key of the request's client address.
	 * @param request the request
	 * @return the address, or its /64 prefix for IPv6
	 */
	String keyOf(HttpServletRequest request) {
		String client = request.getRemoteAddr();
		if (isTrustedProxy(client)) {
			String forwarded = String.join(",", java.util.Collections.list(request.getHeaders("X-Forwarded-For")));
			List<String> hops = Arrays.stream(forwarded.split(","))
				.map(String::trim)
				.filter((hop) -> !hop.isEmpty())
				.toList();
			// Read from the right: entries left of the first untrusted hop may be made up
			// by
			// the client itself.
			for (int i = hops.size() - 1; i >= 0; i--) {
				String hop = hops.get(i);
				if (!isIpLiteral(hop)) {
					break;
				}
				client = hop;
				if (!isTrustedProxy(hop)) {
					break;
				}
			}
		}
		return normalize(client);
	}

	private boolean isTrustedProxy(String address) {
		if (this.trustedProxies.isEmpty() || !isIpLiteral(address)) {
			return false;
		}
		return this.trustedProxies.stream().anyMatch((proxy) -> proxy.matches(address));
	}

	private static boolean isIpLiteral(String text) {
		// Only characters of IPv4 and IPv6 literals: never let InetAddress resolve a
		// name.
		return !text.isEmpty() && text.length() <= 45
				&& text.chars().allMatch((c) -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')
				&& (text.indexOf(':') >= 0 || text.chars().allMatch((c) -> Character.isDigit(c) || c == '.'));
	}

	static String normalize(String address) {
		if (!isIpLiteral(address)) {
			return address;
		}
		try {
			InetAddress parsed = InetAddress.getByName(address);
			if (parsed instanceof Inet6Address) {
				byte[] prefix = Arrays.copyOf(parsed.getAddress(), 16);
				Arrays.fill(prefix, 8, 16, (byte) 0);
				return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
			}
			return parsed.getHostAddress();
		}
		catch (UnknownHostException ex) {
			return address;
		}
	}

}
