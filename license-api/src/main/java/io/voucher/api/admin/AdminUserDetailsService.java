package io.voucher.api.admin;

import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads admin users for Spring Security; each gets the authority {@code ROLE_<role>}.
 */
@Service
class AdminUserDetailsService implements UserDetailsService {

	private final AdminUserRepository users;

	AdminUserDetailsService(AdminUserRepository users) {
		this.users = users;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String username) {
		AdminUser user = this.users.findByUsername(username)
			.orElseThrow(() -> new UsernameNotFoundException("No such admin user"));
		return User.withUsername(user.username())
			.password(user.passwordHash())
			.roles(user.role().name())
			.disabled(!user.enabled())
			.build();
	}

}
