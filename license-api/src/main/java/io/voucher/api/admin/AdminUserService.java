package io.voucher.api.admin;

import java.time.Clock;
import java.util.Optional;

import io.voucher.api.web.ApiException;
import io.voucher.api.web.NotFoundException;
import io.voucher.api.web.ProblemCode;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Manages admin users. Passwords are only ever stored hashed; a password set by another
 * user must be changed at its owner's first login.
 */
@Service
class AdminUserService {

	/** Shortest accepted password. */
	static final int MIN_PASSWORD_LENGTH = 12;

	private final AdminUserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	private final AdminProperties properties;

	AdminUserService(AdminUserRepository users, PasswordEncoder passwordEncoder, Clock clock,
			AdminProperties properties) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
		this.properties = properties;
	}

	@Transactional
	AdminUser create(String username, AdminRole role, String initialPassword) {
		checkPassword(initialPassword);
		if (this.users.findByUsername(username).isPresent()) {
			throw new ApiException(ProblemCode.USER_EXISTS, "An admin user named '" + username + "' already exists");
		}
		try {
			return this.users.saveAndFlush(new AdminUser(username, this.passwordEncoder.encode(initialPassword), role,
					true, this.clock.instant()));
		}
		catch (DataIntegrityViolationException ex) {
			throw new ApiException(ProblemCode.USER_EXISTS, "An admin user named '" + username + "' already exists");
		}
	}

	@Transactional(readOnly = true)
	Page<AdminUser> list(Pageable pageable) {
		return this.users.findAll(pageable);
	}

	@Transactional(readOnly = true)
	AdminUser get(String username) {
		return find(username).orElseThrow(() -> new NotFoundException("No admin user named '" + username + "'"));
	}

	@Transactional
	void changeOwnPassword(String username, String currentPassword, String newPassword) {
		AdminUser user = get(username);
		if (!this.passwordEncoder.matches(currentPassword, user.passwordHash())) {
			throw new ApiException(ProblemCode.VALIDATION_FAILED, "current_password is not correct");
		}
		checkPassword(newPassword);
		if (this.passwordEncoder.matches(newPassword, user.passwordHash())) {
			throw new ApiException(ProblemCode.VALIDATION_FAILED, "new_password must differ from the current one");
		}
		user.changePassword(this.passwordEncoder.encode(newPassword));
		if (username.equals(this.properties.initialUsername())) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					InitialAdmin.forgetPasswordFile(AdminUserService.this.properties);
				}
			});
		}
	}

	@Transactional
	void disable(String username, String actingUsername) {
		if (username.equals(actingUsername)) {
			throw new ApiException(ProblemCode.CONFLICT, "Admin users cannot disable themselves");
		}
		get(username).disable();
	}

	private Optional<AdminUser> find(String username) {
		return this.users.findByUsername(username);
	}

	private static void checkPassword(String password) {
		if (password.length() < MIN_PASSWORD_LENGTH || password.length() > 200) {
			throw new ApiException(ProblemCode.VALIDATION_FAILED,
					"passwords must be " + MIN_PASSWORD_LENGTH + " to 200 characters long");
		}
	}

}
