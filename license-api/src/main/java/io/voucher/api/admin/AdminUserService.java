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
 * Manages admin users. Passwords are only ever stored hashed and must meet
 * {@link PasswordRules}; a password set by another user must be changed at its owner's
 * first login. User names are unique regardless of case.
 */
@Service
class AdminUserService {

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
		PasswordRules.check(username, initialPassword);
		if (this.users.findByUsername(username).isPresent()) {
			throw exists(username);
		}
		try {
			return this.users.saveAndFlush(new AdminUser(username, this.passwordEncoder.encode(initialPassword), role,
					true, this.clock.instant()));
		}
		catch (DataIntegrityViolationException ex) {
			// Created at the same time, maybe in another case, on another node.
			throw exists(username);
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

	/**
	 * Changes a user's own password, which ends the user's other console sessions.
	 * @return the user's new credentials version, which the changing session keeps
	 */
	@Transactional
	long changeOwnPassword(String username, String currentPassword, String newPassword) {
		AdminUser user = get(username);
		if (!this.passwordEncoder.matches(currentPassword, user.passwordHash())) {
			throw new ApiException(ProblemCode.VALIDATION_FAILED, "current_password is not correct");
		}
		PasswordRules.check(user.username(), newPassword);
		if (this.passwordEncoder.matches(newPassword, user.passwordHash())) {
			throw new ApiException(ProblemCode.VALIDATION_FAILED, "new_password must differ from the current one");
		}
		user.changePassword(this.passwordEncoder.encode(newPassword));
		if (user.username().equals(this.properties.initialUsername())) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					InitialAdmin.forgetPasswordFile(AdminUserService.this.properties);
				}
			});
		}
		return user.credentialsVersion();
	}

	/**
	 * Gives another user a new one-time password, to be changed at the next sign-in;
	 * every console session of that user ends.
	 */
	@Transactional
	AdminUser resetPassword(String username, String oneTimePassword, String actingUsername) {
		AdminUser user = get(username);
		if (user.username().equalsIgnoreCase(actingUsername)) {
			throw new ApiException(ProblemCode.CONFLICT,
					"Admin users change their own password with POST /api/v1/admin/me/password");
		}
		PasswordRules.check(user.username(), oneTimePassword);
		user.resetPassword(this.passwordEncoder.encode(oneTimePassword));
		return user;
	}

	@Transactional
	void disable(String username, String actingUsername) {
		AdminUser user = get(username);
		if (user.username().equalsIgnoreCase(actingUsername)) {
			throw new ApiException(ProblemCode.CONFLICT, "Admin users cannot disable themselves");
		}
		user.disable();
	}

	private Optional<AdminUser> find(String username) {
		return this.users.findByUsername(username);
	}

	private static ApiException exists(String username) {
		return new ApiException(ProblemCode.USER_EXISTS,
				"An admin user named '" + username + "' already exists (user names are unique regardless of case)");
	}

}
