package io.voucher.api.admin;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads admin users for Spring Security, by user name regardless of case; each gets the
 * authority {@code ROLE_<role>} and is named as stored. A password hash in an older
 * encoding is stored anew in the current one when its user signs in.
 */
@Service
public class AdminUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

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
	public AdminUserDetails loadUserByUsername(String username) {
		AdminUser user = this.users.findByUsername(username)
			.orElseThrow(() -> new UsernameNotFoundException("No such admin user"));
		return details(user);
	}

	@Override
	@Transactional
	public UserDetails updatePassword(UserDetails user, String newPassword) {
		AdminUser stored = this.users.findByUsername(user.getUsername())
			.orElseThrow(() -> new UsernameNotFoundException("No such admin user"));
		stored.rehash(newPassword);
		return details(stored);
	}

	private static AdminUserDetails details(AdminUser user) {
		List<GrantedAuthority> authorities = new ArrayList<>();
		authorities.add(new SimpleGrantedAuthority("ROLE_" + user.role().name()));
		if (user.mustChangePassword()) {
			authorities.add(new SimpleGrantedAuthority(PASSWORD_CHANGE_REQUIRED));
		}
		return new AdminUserDetails(user.username(), user.passwordHash(), user.enabled(), authorities,
				user.credentialsVersion());
	}

	/**
	 * An admin user as Spring Security sees it, with the count of password changes that
	 * console sessions are checked against.
	 */
	public static final class AdminUserDetails extends User {

		private final long credentialsVersion;

		AdminUserDetails(String username, String password, boolean enabled,
				Collection<? extends GrantedAuthority> authorities, long credentialsVersion) {
			super(username, password, enabled, true, true, true, authorities);
			this.credentialsVersion = credentialsVersion;
		}

		/**
		 * Returns how many times the user's password was changed.
		 * @return the count
		 */
		public long credentialsVersion() {
			return this.credentialsVersion;
		}

	}

}
