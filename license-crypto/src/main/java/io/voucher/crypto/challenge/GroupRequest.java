package io.voucher.crypto.challenge;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.voucher.crypto.group.GroupId;
import io.voucher.crypto.internal.Claims;
import io.voucher.crypto.internal.KeySupport;
import io.voucher.crypto.keys.SecretBytes;
import io.voucher.crypto.pki.DeviceIdentity;
import org.jspecify.annotations.Nullable;

/**
 * A device's request about a device group: join it (with a join token from the provider),
 * leave it, or fetch the current group credential. A JWS signed by the device key with
 * the device chain in {@code x5c}; read on the server by
 * {@link ChallengeVerifier#verifyGroupRequest}.
 *
 * @param nonce the {@code jti}: a random single-use value
 * @param issuedAt the {@code iat}
 * @param action what the device asks
 * @param groupId the {@code group_id}
 * @param joinToken the provider's join token ({@code JOIN} only)
 */
public record GroupRequest(String nonce, Instant issuedAt, Action action, GroupId groupId, @Nullable String joinToken) {

	/** The {@code typ} header of a group request. */
	public static final String TYPE = "voucher-group-request+jwt";

	public GroupRequest {
		Objects.requireNonNull(issuedAt, "issuedAt");
		Objects.requireNonNull(action, "action");
		Objects.requireNonNull(groupId, "groupId");
		if (nonce.length() < 16 || nonce.length() > 128) {
			throw new IllegalArgumentException("the nonce must be 16 to 128 characters");
		}
		if ((action == Action.JOIN) != (joinToken != null)) {
			throw new IllegalArgumentException("a join token goes with JOIN, and only with JOIN");
		}
	}

	/**
	 * A request issued now by {@code clock}, with a random nonce.
	 * @param action what the device asks
	 * @param groupId the group
	 * @param joinToken the join token for {@code JOIN}, else {@code null}
	 * @param clock the device clock
	 * @return the request
	 */
	public static GroupRequest of(Action action, GroupId groupId, @Nullable String joinToken, Clock clock) {
		return new GroupRequest(KeySupport.base64Url(SecretBytes.random(16).toByteArray()),
				Instant.ofEpochSecond(clock.instant().getEpochSecond()), action, groupId, joinToken);
	}

	/**
	 * Signs this request with the device key.
	 * @param device the device
	 * @return the compact JWS
	 */
	public String signWith(DeviceIdentity device) {
		return device.signJws(TYPE, toClaims());
	}

	/**
	 * The JSON claims of the request.
	 * @return the claims
	 */
	public Map<String, Object> toClaims() {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("iat", this.issuedAt.getEpochSecond());
		claims.put("jti", this.nonce);
		claims.put("action", this.action.name());
		claims.put("group_id", this.groupId.value());
		if (this.joinToken != null) {
			claims.put("join_token", this.joinToken);
		}
		return claims;
	}

	static GroupRequest fromClaims(Claims claims) {
		return new GroupRequest(claims.string("jti"), claims.time("iat"), claims.enumValue("action", Action.class),
				new GroupId(claims.string("group_id")), claims.optionalString("join_token"));
	}

	/**
	 * What a device asks about a group.
	 */
	public enum Action {

		/** Join the group with a join token; answered with the group credential. */
		JOIN,
		/** Leave the group; the group key rolls. */
		LEAVE,
		/** Fetch the credential of the group's current key generation. */
		CREDENTIAL

	}

}
