package io.voucher.domain.group;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Device group settings.
 *
 * @param defaultMaxMembers the member limit of a group created without one
 * @param joinTokenValidity how long a join token may be used
 * @param credentialValidity how long a group credential is valid; members refresh it
 * before then (and after every key roll)
 */
@ConfigurationProperties("voucher.groups")
public record GroupProperties(@DefaultValue("5") int defaultMaxMembers, @DefaultValue("15m") Duration joinTokenValidity,
		@DefaultValue("7d") Duration credentialValidity) {

}
