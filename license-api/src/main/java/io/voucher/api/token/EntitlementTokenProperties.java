package io.voucher.api.token;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Entitlement-token settings.
 *
 * @param audience the {@code aud} a token must name: this server (or this deployment)
 * @param maxLifetime the longest a token may live, from its {@code iat} to its
 * {@code exp}: tokens are meant to be minted per playback, not kept
 * @param clockSkew how far the provider's clock may be from the server's, for
 * {@code exp}, {@code nbf} and {@code iat}
 */
@ConfigurationProperties("voucher.entitlement-tokens")
public record EntitlementTokenProperties(@DefaultValue("voucher") String audience,
		@DefaultValue("1h") Duration maxLifetime, @DefaultValue("60s") Duration clockSkew) {

}
