package io.voucher.api.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Argon2id parameters admin passwords are hashed with. The defaults are one of the
 * equivalent minimum settings OWASP recommends (7 MiB, 5 passes, 1 lane), the one with
 * the least memory: every HTTP Basic request verifies a password, so the memory is taken
 * once per concurrent request, and on these 2-core machines one verification costs about
 * what bcrypt at strength 10 did. Raising them makes every stored hash older than the new
 * setting be hashed again at its user's next sign-in.
 *
 * @param memoryKib memory per hash, in KiB
 * @param iterations passes over the memory
 * @param parallelism lanes (threads) per hash
 */
@ConfigurationProperties("voucher.passwords.argon2")
public record PasswordHashingProperties(@DefaultValue("7168") int memoryKib, @DefaultValue("5") int iterations,
		@DefaultValue("1") int parallelism) {

	public PasswordHashingProperties {
		if (memoryKib < 1024 || iterations < 1 || parallelism < 1) {
			throw new IllegalArgumentException("voucher.passwords.argon2 needs memory-kib of at least 1024, "
					+ "and iterations and parallelism of at least 1");
		}
	}

}
