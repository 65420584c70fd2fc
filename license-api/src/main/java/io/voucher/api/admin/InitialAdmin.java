package io.voucher.api.admin;

import java.security.SecureRandom;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creates the first admin user when there is none, so that a fresh platform can be
 * administered at all.
 */
@Component
class InitialAdmin implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(InitialAdmin.class);

	private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";

	private final AdminUserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final AdminProperties properties;

	private final Clock clock;

	InitialAdmin(AdminUserRepository users, PasswordEncoder passwordEncoder, AdminProperties properties, Clock clock) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.properties = properties;
		this.clock = clock;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (this.users.count() > 0) {
			return;
		}
		String configured = this.properties.initialPassword();
		boolean generated = configured == null || configured.isBlank();
		String password = generated ? generatePassword() : configured;
		try {
			this.users.saveAndFlush(new AdminUser(this.properties.initialUsername(),
					this.passwordEncoder.encode(password), AdminRole.ADMIN, generated, this.clock.instant()));
		}
		catch (DataIntegrityViolationException ex) {
			// Another node created it at the same time.
			return;
		}
		if (generated) {
			// Printed once, on purpose: it is the only way into a fresh platform, and it
			// must be changed at first login.
			logger.warn("Created the initial admin user '{}' with the one-time password: {}",
					this.properties.initialUsername(), password);
		}
		else {
			logger.info("Created the initial admin user '{}' from configuration", this.properties.initialUsername());
		}
	}

	private static String generatePassword() {
		SecureRandom random = new SecureRandom();
		StringBuilder password = new StringBuilder(20);
		for (int i = 0; i < 20; i++) {
			password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return password.toString();
	}

}
