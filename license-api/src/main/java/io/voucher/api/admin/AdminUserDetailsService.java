package io.voucher.api.admin;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
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
public class AdminUserDetailsService implements UserDetailsService {

	/**
	 * The authority of a user who must change a one-time password before anything else.
	 */
	public static final String PASSWORD_CHANGE_REQUIRED = "PASSWORD_CHANGE_REQUIRED";

	private final AdminUserRepository users;

	AdminUserDetailsService(AdminUserRepository users) {
		this.users = users;
	}

	@Override
	@Transactional(readOnly = true)
	public UserDetails loadUserByUsername(String username) {
		AdminUser user = this.users.findByUsername(username)
			.orElseThrow(() -> new UsernameNotFoundException("No such admin user"));
		List<GrantedAuthority> authorities = new ArrayList<>();
		authorities.add(new SimpleGrantedAuthority("ROLE_" + user.role().name()));
		if (user.mustChangePassword()) {
			authorities.add(new SimpleGrantedAuthority(PASSWORD_CHANGE_REQUIRED));
		}
		return User.withUsername(user.username())
			.password(user.passwordHash())
			.authorities(authorities)
			.disabled(!user.enabled())
			.build();
	}

}
