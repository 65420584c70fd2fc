package io.voucher.crypto.voucher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.voucher.crypto.group.GroupId;
import io.voucher.crypto.internal.Claims;
import io.voucher.crypto.pki.DeviceFingerprint;
import io.voucher.crypto.pki.HdcpVersion;
import io.voucher.crypto.pki.SecurityLevel;

/**
 * The JSON form of a voucher's claims and of its key block's JWK set.
 */
final class VoucherClaims {

	static final String KEY_BLOCK = "key_block";

	private VoucherClaims() {
	}

	static Map<String, Object> toClaims(LicenseTerms terms, String keyBlock) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("license_id", terms.licenseId());
		claims.put("content_id", terms.contentId());
		claims.put("provider", terms.provider());
		claims.put("iat", terms.issuedAt().getEpochSecond());
		claims.put("nbf", terms.notBefore().getEpochSecond());
		claims.put("exp", terms.expiresAt().getEpochSecond());
		claims.put("license_type", terms.licenseType().name());
		claims.put("binding", binding(terms.binding()));
		claims.put("policy", terms.policy().toClaims());
		claims.put("session_tokens", new LinkedHashMap<>(terms.sessionTokens()));
		List<Object> keys = new ArrayList<>();
		for (KeyGrant grant : terms.keys()) {
			Map<String, Object> key = new LinkedHashMap<>();
			key.put("kid", grant.keyId().toBase64Url());
			key.put("track_type", grant.trackType().name());
			key.put("security_level", grant.requiredSecurityLevel().value());
			key.put("required_hdcp", grant.requiredHdcp().name());
			keys.add(key);
		}
		claims.put("keys", keys);
		claims.put(KEY_BLOCK, keyBlock);
		return claims;
	}

	private static Map<String, Object> binding(Binding binding) {
		Map<String, Object> claims = new LinkedHashMap<>();
		if (binding instanceof Binding.DeviceBinding device) {
			claims.put("type", "device");
			claims.put("fingerprint", device.fingerprint().value());
		}
		else if (binding instanceof Binding.GroupBinding group) {
			claims.put("type", "group");
			claims.put("group_id", group.groupId().value());
			claims.put("generation", group.generation());
		}
		return claims;
	}

	static LicenseTerms fromClaims(Claims claims) {
		Claims binding = claims.object("binding");
		Binding parsedBinding = switch (binding.string("type")) {
			case "device" -> Binding.device(new DeviceFingerprint(binding.string("fingerprint")));
			case "group" -> Binding.group(new GroupId(binding.string("group_id")), binding.number("generation"));
			default -> throw new IllegalArgumentException("unknown binding type");
		};
		Map<String, String> sessionTokens = new LinkedHashMap<>();
		claims.object("session_tokens").raw().forEach((name, value) -> {
			if (!(value instanceof String text)) {
				throw new IllegalArgumentException("session tokens are strings");
			}
			sessionTokens.put(name, text);
		});
		List<KeyGrant> keys = new ArrayList<>();
		for (Claims key : claims.objects("keys")) {
			keys.add(new KeyGrant(KeyId.ofBase64Url(key.string("kid")), key.enumValue("track_type", TrackType.class),
					SecurityLevel.of(Math.toIntExact(key.number("security_level"))),
					key.enumValue("required_hdcp", HdcpVersion.class)));
		}
		return new LicenseTerms(claims.string("license_id"), claims.string("content_id"), claims.string("provider"),
				claims.time("iat"), claims.time("nbf"), claims.time("exp"),
				claims.enumValue("license_type", LicenseType.class), parsedBinding,
				LicensePolicy.fromClaims(claims.object("policy").raw()), sessionTokens, keys);
	}

	static Map<String, Object> keySet(List<ContentKey> keys) {
		List<Object> jwks = new ArrayList<>();
		for (ContentKey key : keys) {
			Map<String, Object> jwk = new LinkedHashMap<>();
			jwk.put("kty", "oct");
			jwk.put("kid", key.keyId().toBase64Url());
			byte[] bytes = key.key().toByteArray();
			jwk.put("k", io.voucher.crypto.internal.KeySupport.base64Url(bytes));
			java.util.Arrays.fill(bytes, (byte) 0);
			jwks.add(jwk);
		}
		Map<String, Object> set = new LinkedHashMap<>();
		set.put("keys", jwks);
		return set;
	}

}
