package io.voucher.api.security;

import java.util.Map;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * How admin passwords are hashed: Argon2id for every new hash, marked {@code {argon2}};
 * hashes of the earlier default, {@code {bcrypt}}, still verify and are replaced by an
 * Argon2id hash at their user's next successful sign-in. Argon2 takes a password of any
 * length whole, where bcrypt used only its first 72 bytes and now refuses longer ones.
 */
final class PasswordHashing {

	static final String ARGON2 = "argon2";

	private static final int SALT_BYTES = 16;

	private static final int HASH_BYTES = 32;

	private PasswordHashing() {
	}

	static PasswordEncoder encoder(PasswordHashingProperties properties) {
		Argon2PasswordEncoder argon2 = new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, properties.parallelism(),
				properties.memoryKib(), properties.iterations());
		return new DelegatingPasswordEncoder(ARGON2, Map.of(ARGON2, argon2, "bcrypt", new BCryptPasswordEncoder()));
	}

}
