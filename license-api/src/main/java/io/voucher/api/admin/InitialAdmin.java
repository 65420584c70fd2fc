package io.voucher.api.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Set;

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
			// Changed on another node, or its deletion failed: the file has served.
			this.users.findByUsername(this.properties.initialUsername())
				.filter((user) -> !user.mustChangePassword())
				.ifPresent((user) -> forgetPasswordFile(this.properties));
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
			// Never logged: logs travel and last. The file is the way into a fresh
			// platform; written before the user commits, so that a failure leaves no
			// user nobody can sign in as.
			Path file = writePasswordFile(this.properties.initialPasswordFile(), password);
			logger.warn(
					"Created the initial admin user '{}' with a one-time password, written to {} "
							+ "(readable by its owner only). Sign in with it and change it; the file is deleted then.",
					this.properties.initialUsername(), file);
		}
		else {
			logger.info("Created the initial admin user '{}' from configuration", this.properties.initialUsername());
		}
	}

	/**
	 * Deletes the file of the initial admin's one-time password, once changed.
	 * @param properties the admin properties
	 */
	static void forgetPasswordFile(AdminProperties properties) {
		Path file = properties.initialPasswordFile().toAbsolutePath().normalize();
		try {
			if (Files.deleteIfExists(file)) {
				logger.info("Deleted {}: the initial admin password was changed", file);
			}
		}
		catch (IOException ex) {
			logger.warn("Could not delete {}; delete it by hand: {}", file, ex.toString());
		}
	}

	private static Path writePasswordFile(Path file, String password) {
		Path target = file.toAbsolutePath().normalize();
		byte[] content = (password + "\n").getBytes(StandardCharsets.UTF_8);
		try {
			Files.createDirectories(target.getParent());
			Files.deleteIfExists(target);
			// Created and written through one handle, never following a link: nobody can
			// swap the file in between.
			Set<OpenOption> options = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
					LinkOption.NOFOLLOW_LINKS);
			try (SeekableByteChannel channel = Files.newByteChannel(target, options, ownerOnly(target))) {
				channel.write(ByteBuffer.wrap(content));
			}
			return target;
		}
		catch (FileAlreadyExistsException ex) {
			throw new IllegalStateException("Another process wrote " + target + " at the same time", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the initial admin password to " + target
					+ "; make its folder writable or set voucher.admin.initial-password", ex);
		}
	}

	private static FileAttribute<?>[] ownerOnly(Path target) {
		if (target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
			return new FileAttribute<?>[] {
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) };
		}
		// Not a POSIX file system: the folder's own permissions protect it.
		return new FileAttribute<?>[0];
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
