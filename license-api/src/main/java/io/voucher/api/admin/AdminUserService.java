package io.voucher.api.admin;

import java.time.Clock;
import java.util.Optional;

import io.voucher.api.web.ApiException;
import io.voucher.api.web.NotFoundException;
import io.voucher.api.web.ProblemCode;
import io.voucher.domain.audit.AuditEvent.ActorType;
import io.voucher.domain.audit.AuditEvent.Outcome;
import io.voucher.domain.audit.AuditTrail;
import org.jspecify.annotations.Nullable;

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
 * first login. User names are unique regardless of case. A role change, a disabled user
 * and a password reset end the user's console sessions on every node, and are recorded in
 * the audit trail ({@code user.role_changed}, {@code user.disabled},
 * {@code user.enabled}, {@code user.password_reset}). There is always one enabled ADMIN.
 */
@Service
class AdminUserService {

	private final AdminUserRepository users;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	private final AdminProperties properties;

	private final AuditTrail trail;

	private final ConsoleSessions sessions;

	AdminUserService(AdminUserRepository users, PasswordEncoder passwordEncoder, Clock clock,
			AdminProperties properties, AuditTrail trail, ConsoleSessions sessions) {
		this.users = users;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
		this.properties = properties;
		this.trail = trail;
		this.sessions = sessions;
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
		audit(actingUsername, "user.password_reset", user, null);
		this.sessions.endAllAfterCommit(user.username());
		return user;
	}

	/**
	 * Gives a user another role; the user's console sessions end, so the next sign-in has
	 * the new role. An admin cannot change their own role, nor take the role of the last
	 * enabled ADMIN.
	 * @return the user, and whether the role changed
	 */
	@Transactional
	RoleChange changeRole(String username, AdminRole role, String actingUsername) {
		AdminUser user = get(username);
		AdminRole before = user.role();
		if (before == role) {
			return new RoleChange(user, before);
		}
		if (user.username().equalsIgnoreCase(actingUsername)) {
			throw new ApiException(ProblemCode.OWN_ACCOUNT, "Admin users cannot change their own role");
		}
		if (before == AdminRole.ADMIN && user.enabled()) {
			keepAnEnabledAdmin(user, "demote");
		}
		user.changeRole(role);
		audit(actingUsername, "user.role_changed", user, before + " -> " + role);
		this.sessions.endAllAfterCommit(user.username());
		return new RoleChange(user, before);
	}

	/**
	 * Disables a user, kept for the audit trail: the user cannot sign in, and every
	 * console session of the user ends.
	 * @return whether the user was enabled before
	 */
	@Transactional
	boolean disable(String username, String actingUsername) {
		AdminUser user = get(username);
		if (user.username().equalsIgnoreCase(actingUsername)) {
			throw new ApiException(ProblemCode.OWN_ACCOUNT, "Admin users cannot disable themselves");
		}
		if (!user.enabled()) {
			return false;
		}
		if (user.role() == AdminRole.ADMIN) {
			keepAnEnabledAdmin(user, "disable");
		}
		user.disable();
		audit(actingUsername, "user.disabled", user, null);
		this.sessions.endAllAfterCommit(user.username());
		return true;
	}

	/**
	 * Enables a disabled user again, with the password and role they had.
	 * @return whether the user was disabled before
	 */
	@Transactional
	boolean enable(String username, String actingUsername) {
		AdminUser user = get(username);
		if (user.enabled()) {
			return false;
		}
		user.enable();
		audit(actingUsername, "user.enabled", user, null);
		return true;
	}

	private void audit(String actingUsername, String action, AdminUser user, @Nullable String detail) {
		this.trail.append(ActorType.ADMIN, actingUsername, null, action, "/api/v1/admin/users/" + user.username(),
				Outcome.SUCCESS, detail);
	}

	private void keepAnEnabledAdmin(AdminUser user, String what) {
		boolean another = this.users.lockEnabledAdmins().stream().anyMatch((admin) -> !admin.id().equals(user.id()));
		if (!another) {
			throw new ApiException(ProblemCode.LAST_ENABLED_ADMIN,
					"Cannot " + what + " '" + user.username() + "': it is the last enabled ADMIN");
		}
	}

	/**
	 * A role change.
	 *
	 * @param user the user as it is now
	 * @param before the role before
	 */
	record RoleChange(AdminUser user, AdminRole before) {

		boolean changed() {
			return this.user.role() != this.before;
		}

	}

	private Optional<AdminUser> find(String username) {
		return this.users.findByUsername(username);
	}

	private static ApiException exists(String username) {
		return new ApiException(ProblemCode.USER_EXISTS,
				"An admin user named '" + username + "' already exists (user names are unique regardless of case)");
	}

}
