package io.voucher.api.admin;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A user of the admin console and admin API. The password is kept only as a hash of
 * Spring Security's recommended encoder.
 */
@Entity
@Table(name = "admin_user")
public class AdminUser {

	@Id
	private UUID id;

	@Column(nullable = false, unique = true, updatable = false)
	private String username;

	@Column(name = "password_hash", nullable = false)
	private String passwordHash;

	@Enumerated(EnumType.STRING)
	@Column(nullable = false)
	private AdminRole role;

	@Column(name = "must_change_password", nullable = false)
	private boolean mustChangePassword;

	@Column(nullable = false)
	private boolean enabled;

	@Column(name = "created_at", nullable = false, updatable = false)
	private Instant createdAt;

	@Column(name = "credentials_version", nullable = false)
	private long credentialsVersion;

	protected AdminUser() {
	}

	AdminUser(String username, String passwordHash, AdminRole role, boolean mustChangePassword, Instant createdAt) {
		this.id = UUID.randomUUID();
		this.username = username;
		this.passwordHash = passwordHash;
		this.role = role;
		this.mustChangePassword = mustChangePassword;
		this.enabled = true;
		this.createdAt = createdAt;
	}

	public UUID id() {
		return this.id;
	}

	public String username() {
		return this.username;
	}

	String passwordHash() {
		return this.passwordHash;
	}

	public AdminRole role() {
		return this.role;
	}

	public boolean mustChangePassword() {
		return this.mustChangePassword;
	}

	public boolean enabled() {
		return this.enabled;
	}

	public Instant createdAt() {
		return this.createdAt;
	}

	/**
	 * Returns how many times the password was changed: a console session signed in under
	 * an older count has ended.
	 * @return the count
	 */
	public long credentialsVersion() {
		return this.credentialsVersion;
	}

	void changePassword(String newPasswordHash) {
		this.passwordHash = newPasswordHash;
		this.mustChangePassword = false;
		this.credentialsVersion++;
	}

	void resetPassword(String oneTimePasswordHash) {
		this.passwordHash = oneTimePasswordHash;
		this.mustChangePassword = true;
		this.credentialsVersion++;
	}

	/**
	 * Stores the same password hashed anew (a stronger encoding): not a change of
	 * password, so sessions live on.
	 */
	void rehash(String passwordHash) {
		this.passwordHash = passwordHash;
	}

	void disable() {
		this.enabled = false;
	}

	void enable() {
		this.enabled = true;
	}

	void changeRole(AdminRole role) {
		this.role = role;
	}

	@Override
	public String toString() {
		return "AdminUser[" + this.username + ", " + this.role + "]";
	}

}
