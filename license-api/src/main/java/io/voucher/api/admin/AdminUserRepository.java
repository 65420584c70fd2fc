package io.voucher.api.admin;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

/**
 * Stores admin users. User names are unique regardless of case, and found regardless of
 * case (by the unique index on {@code lower(username)}).
 */
interface AdminUserRepository extends JpaRepository<AdminUser, UUID> {

	@Query("select u from AdminUser u where lower(u.username) = lower(:username)")
	Optional<AdminUser> findByUsername(String username);

	/**
	 * Locks the enabled ADMIN users until the transaction ends, so that two admins
	 * demoting or disabling each other at once cannot leave none.
	 * @return the enabled ADMIN users
	 */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select u from AdminUser u where u.role = io.voucher.api.admin.AdminRole.ADMIN and u.enabled = true")
	List<AdminUser> lockEnabledAdmins();

}
