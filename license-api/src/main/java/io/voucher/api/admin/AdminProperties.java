package io.voucher.api.admin;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The first admin user, created at the first start when there is none.
 *
 * @param initialUsername its user name
 * @param initialPassword its password; when unset, a one-time password is generated,
 * written to {@code initialPasswordFile}, and must be changed at first login
 * @param initialPasswordFile where a generated one-time password is written (readable by
 * its owner only), never to the log; deleted when the password is changed
 */
@ConfigurationProperties("voucher.admin")
public record AdminProperties(@DefaultValue("admin") String initialUsername, @Nullable String initialPassword,
		@DefaultValue("data/initial-admin-password") Path initialPasswordFile) {

	@Override
	public String toString() {
		return "AdminProperties[initialUsername=" + this.initialUsername + ", initialPassword="
				+ ((this.initialPassword != null) ? "******" : "generated") + ", initialPasswordFile="
				+ this.initialPasswordFile + "]";
	}

}
