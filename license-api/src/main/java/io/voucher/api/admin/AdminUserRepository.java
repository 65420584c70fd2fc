package io.voucher.api.admin;

import java.util.Optional;
import java.util.UUID;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

/**
 * Stores admin users. User names are unique regardless of case, and found regardless of
 * case (by the unique index on {@code lower(username)}).
 */
interface AdminUserRepository extends JpaRepository<AdminUser, UUID> {

	@Query("select u from AdminUser u where lower(u.username) = lower(:username)")
	Optional<AdminUser> findByUsername(String username);

}
