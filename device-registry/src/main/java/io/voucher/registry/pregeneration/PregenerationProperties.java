package io.voucher.registry.pregeneration;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Pre-generation settings.
 *
 * @param withdrawnRetention how long a withdrawn pre-generated license is kept before it
 * is deleted; it is in no bundle meanwhile
 */
@ConfigurationProperties("voucher.pregeneration")
public record PregenerationProperties(@DefaultValue("30d") Duration withdrawnRetention) {

}
