package io.voucher.registry.pregeneration;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Pre-generation settings.
 *
 * @param withdrawnRetention how long a withdrawn pre-generated license is kept before it
 * is deleted; it is in no bundle meanwhile
 * @param renewalSweepInterval how often expired pre-generated licenses whose policy
 * allows renewal ({@code can_renew}) are looked for and made again; an expired license
 * leaves its bundle at once whatever this interval
 */
@ConfigurationProperties("voucher.pregeneration")
public record PregenerationProperties(@DefaultValue("30d") Duration withdrawnRetention,
		@DefaultValue("1m") Duration renewalSweepInterval) {

}
