package io.voucher.api.admin;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first admin user, created at the first start when there is none.
 *
 * @param initialUsername its user name
 * @param initialPassword its password; when unset, a one-time password is generated and
 * written once to the log, and must be changed at first login
 */
@ConfigurationProperties("voucher.admin")
public record AdminProperties(@DefaultValue("admin") String initialUsername, @Nullable String initialPassword) {

	@Override
	public String toString() {
		return "AdminProperties[initialUsername=" + this.initialUsername + ", initialPassword="
				+ ((this.initialPassword != null) ? "******" : "generated") + "]";
	}

}
