package io.voucher.api.security;

import io.voucher.api.admin.AdminUserDetailsService;
import io.voucher.api.ratelimit.SignInAttempt;
import io.voucher.api.ratelimit.SignInOrigin;
import io.voucher.api.ratelimit.SignInThrottle;

import org.springframework.security.authentication.AccountStatusException;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Signs admin users in with a user name and password, for HTTP Basic and the console
 * session alike, behind the {@link SignInThrottle}: a locked account or address is
 * refused before the password is looked at; a wrong password, an unknown user and a
 * disabled user count as one failure each (a disabled user is told so, with
 * {@link DisabledException}, only after the password was right); a success forgets the
 * account's failures. A password hash in an older encoding is stored anew on a successful
 * sign-in.
 * <p>
 * The authentication request's details must be a {@link SignInOrigin}.
 */
@Component
public class AdminSignIn implements AuthenticationManager {

	private final AuthenticationManager passwords;

	private final SignInThrottle throttle;

	AdminSignIn(AdminUserDetailsService users, PasswordEncoder passwordEncoder, SignInThrottle throttle) {
		DaoAuthenticationProvider provider = new DaoAuthenticationProvider(users);
		provider.setPasswordEncoder(passwordEncoder);
		// Whether the user is disabled is told only once the password was right: before
		// that, a disabled user looks like any wrong password.
		provider.setPreAuthenticationChecks((user) -> {
		});
		provider.setPostAuthenticationChecks((user) -> {
			if (!user.isEnabled()) {
				throw new DisabledException("The admin user is disabled");
			}
		});
		provider.setUserDetailsPasswordService(users);
		ProviderManager manager = new ProviderManager(provider);
		manager.setEraseCredentialsAfterAuthentication(true);
		this.passwords = manager;
		this.throttle = throttle;
	}

	@Override
	public Authentication authenticate(Authentication request) throws AuthenticationException {
		if (!(request.getDetails() instanceof SignInOrigin origin)) {
			throw new IllegalArgumentException("An admin sign-in needs its SignInOrigin as details");
		}
		SignInAttempt attempt = origin.attempt(request.getName());
		boolean hadFailures;
		try {
			hadFailures = this.throttle.check(attempt);
		}
		catch (RuntimeException ex) {
			if (ex instanceof AuthenticationException refused) {
				throw refused;
			}
			// The database is away (503), or another failure: not the caller's fault.
			throw new InternalAuthenticationServiceException("Could not check the sign-in limits", ex);
		}
		Authentication authenticated;
		try {
			authenticated = this.passwords.authenticate(request);
		}
		catch (BadCredentialsException | UsernameNotFoundException | AccountStatusException ex) {
			try {
				this.throttle.failed(attempt);
			}
			catch (RuntimeException failure) {
				throw new InternalAuthenticationServiceException("Could not count the failed sign-in", failure);
			}
			throw ex;
		}
		if (hadFailures) {
			this.throttle.succeeded(attempt.username());
		}
		return authenticated;
	}

}
