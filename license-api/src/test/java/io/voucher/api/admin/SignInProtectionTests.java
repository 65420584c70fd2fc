package io.voucher.api.admin;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.voucher.api.admin.AdminSessionTests.Session;
import io.voucher.api.testing.HttpTester;
import io.voucher.crypto.testing.TestClock;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in protection of admin users, on real PostgreSQL: failed HTTP Basic and console
 * sign-ins lock the account (growing back-off) and the client address; a success forgets
 * the account's failures; every failure is audited and logged; a changed password ends
 * the user's other sessions; user names are unique regardless of case; passwords of any
 * accepted length work and weak ones are refused.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "voucher.admin.initial-username=root",
		"voucher.admin.initial-password=" + SignInProtectionTests.PASSWORD, "voucher.sign-in.account-max-failures=3",
		"voucher.sign-in.account-lockout=1m", "voucher.sign-in.account-max-lockout=4m",
		"voucher.sign-in.address-max-failures=8", "voucher.sign-in.address-window=10m",
		// X-Forwarded-For from the test client names the client: each test its own.
		"voucher.rate-limits.trusted-proxies=127.0.0.1" })
@PostgresTest
@ExtendWith(OutputCaptureExtension.class)
class SignInProtectionTests {

	static final String PASSWORD = "protection admin password";

	static final String USER_PASSWORD = "a user's own long password";

	@LocalServerPort
	int port;

	@Autowired
	TestClock clock;

	@Autowired
	JdbcTemplate jdbc;

	HttpTester http;

	/** A client address of its own per test, so that address limits stay apart. */
	String address;

	@BeforeEach
	void client() {
		this.http = new HttpTester(this.port);
		this.address = randomAddress();
	}

	@Test
	void basicFailuresLockTheAccountEvenForTheRightPassword() {
		String user = newUser();

		List<Integer> wrong = List.of(basic(user, "wrong password 1").statusCode(),
				basic(user, "wrong password 2").statusCode(), basic(user, "wrong password 3").statusCode());
		HttpResponse<String> locked = basic(user, USER_PASSWORD);

		assertThat(wrong).containsExactly(401, 401, 401);
		assertThat(locked.statusCode()).isEqualTo(429);
		assertThat(HttpTester.json(locked).path("code").asString()).isEqualTo("TOO_MANY_SIGN_IN_ATTEMPTS");
		assertThat(locked.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(locked.headers().firstValue("Retry-After")).hasValue("60");
		assertThat(locked.headers().firstValue("WWW-Authenticate")).isEmpty();
	}

	@Test
	void unknownUserIsLockedOutAlikeSoTheAnswerTellsNothing() {
		String known = newUser();
		String unknown = "nobody-" + UUID.randomUUID().toString().substring(0, 8);
		for (int i = 0; i < 3; i++) {
			assertThat(basic(known, "wrong password").statusCode()).isEqualTo(401);
			assertThat(basic(unknown, "wrong password").statusCode()).isEqualTo(401);
		}

		HttpResponse<String> knownLocked = basic(known, USER_PASSWORD);
		HttpResponse<String> unknownLocked = basic(unknown, USER_PASSWORD);

		assertThat(unknownLocked.statusCode()).isEqualTo(knownLocked.statusCode()).isEqualTo(429);
		assertThat(unknownLocked.body()).isEqualTo(knownLocked.body());
		assertThat(unknownLocked.headers().firstValue("Retry-After"))
			.isEqualTo(knownLocked.headers().firstValue("Retry-After"));
	}

	@Test
	void sessionFailuresLockTheAccountAndBasicFailuresCountForSessionsToo() {
		String user = newUser();

		int first = signIn(user, "wrong password 1").statusCode();
		int second = basic(user, "wrong password 2").statusCode();
		int third = signIn(user, "wrong password 3").statusCode();
		HttpResponse<String> locked = signIn(user, USER_PASSWORD);
		HttpResponse<String> lockedBasic = basic(user, USER_PASSWORD);

		assertThat(List.of(first, second, third)).containsExactly(401, 401, 401);
		assertThat(locked.statusCode()).isEqualTo(429);
		assertThat(HttpTester.json(locked).path("code").asString()).isEqualTo("TOO_MANY_SIGN_IN_ATTEMPTS");
		assertThat(locked.headers().firstValue("Retry-After")).hasValue("60");
		assertThat(locked.headers().allValues("Set-Cookie"))
			.noneMatch((cookie) -> cookie.startsWith("VOUCHER_SESSION="));
		assertThat(lockedBasic.statusCode()).isEqualTo(429);
	}

	@Test
	void lockOutEndsAfterItsWindowAndGrowsWithEachFurtherFailure() {
		String user = newUser();
		for (int i = 0; i < 3; i++) {
			basic(user, "wrong password");
		}
		assertThat(basic(user, USER_PASSWORD).headers().firstValue("Retry-After")).hasValue("60");

		this.clock.advance(Duration.ofSeconds(61));
		int wrongAfterFirstLock = basic(user, "wrong password").statusCode();
		HttpResponse<String> second = basic(user, USER_PASSWORD);
		this.clock.advance(Duration.ofSeconds(121));
		int wrongAfterSecondLock = basic(user, "wrong password").statusCode();
		HttpResponse<String> third = basic(user, USER_PASSWORD);
		this.clock.advance(Duration.ofSeconds(241));
		int wrongAfterThirdLock = basic(user, "wrong password").statusCode();
		HttpResponse<String> capped = basic(user, USER_PASSWORD);
		this.clock.advance(Duration.ofSeconds(241));
		HttpResponse<String> released = basic(user, USER_PASSWORD);

		assertThat(wrongAfterFirstLock).isEqualTo(401);
		assertThat(second.statusCode()).isEqualTo(429);
		assertThat(second.headers().firstValue("Retry-After")).hasValue("120");
		assertThat(wrongAfterSecondLock).isEqualTo(401);
		assertThat(third.headers().firstValue("Retry-After")).hasValue("240");
		assertThat(wrongAfterThirdLock).isEqualTo(401);
		// account-max-lockout: 4 minutes.
		assertThat(capped.headers().firstValue("Retry-After")).hasValue("240");
		assertThat(released.statusCode()).as(released.body()).isEqualTo(200);
	}

	@Test
	void successForgetsTheAccountsFailures() {
		String user = newUser();

		basic(user, "wrong password");
		basic(user, "wrong password");
		int success = basic(user, USER_PASSWORD).statusCode();
		basic(user, "wrong password");
		basic(user, "wrong password");
		HttpResponse<String> stillAllowed = basic(user, USER_PASSWORD);

		assertThat(success).isEqualTo(200);
		assertThat(stillAllowed.statusCode()).as(stillAllowed.body()).isEqualTo(200);
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM sign_in_throttle WHERE scope = 'ACCOUNT' AND subject = ?", Long.class, user))
			.isZero();
	}

	@Test
	void failuresFromOneAddressLockThatAddressForEveryAccountUntilItsWindowEnds() {
		// Eight different names, two failures each at most: no account is locked.
		for (int i = 0; i < 8; i++) {
			assertThat(basic("guess-" + i + "-" + UUID.randomUUID(), "wrong password").statusCode()).isEqualTo(401);
		}

		HttpResponse<String> fromThisAddress = basic("root", PASSWORD);
		HttpResponse<String> sessionFromThisAddress = signIn("root", PASSWORD);
		int fromAnotherAddress = this.http.request("GET", "/api/v1/admin/me")
			.basic("root", PASSWORD)
			.header("X-Forwarded-For", randomAddress())
			.send()
			.statusCode();
		this.clock.advance(Duration.ofMinutes(10).plusSeconds(1));
		int afterTheWindow = basic("root", PASSWORD).statusCode();

		assertThat(fromThisAddress.statusCode()).isEqualTo(429);
		assertThat(HttpTester.json(fromThisAddress).path("code").asString()).isEqualTo("TOO_MANY_SIGN_IN_ATTEMPTS");
		assertThat(Long.parseLong(fromThisAddress.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L,
				600L);
		assertThat(sessionFromThisAddress.statusCode()).isEqualTo(429);
		assertThat(fromAnotherAddress).isEqualTo(200);
		assertThat(afterTheWindow).isEqualTo(200);
	}

	@Test
	void everyFailureAndLockOutIsAuditedAndLoggedWithoutThePassword(CapturedOutput output) {
		String user = newUser();

		for (int i = 0; i < 3; i++) {
			basic(user, "secret guess " + i);
		}
		signIn(user, USER_PASSWORD);

		List<Map<String, Object>> events = this.jdbc.queryForList(
				"SELECT actor_type, action, target, outcome, detail FROM audit_event WHERE actor = ? ORDER BY id",
				user);
		assertThat(events).extracting((event) -> event.get("action") + " " + event.get("detail"))
			.containsSubsequence("SIGN_IN basic BAD_CREDENTIALS", "SIGN_IN basic BAD_CREDENTIALS",
					"SIGN_IN basic BAD_CREDENTIALS", "SIGN_IN_LOCKOUT account locked for 60 s after 3 failures",
					"SIGN_IN session TOO_MANY_SIGN_IN_ATTEMPTS");
		assertThat(events).allSatisfy((event) -> {
			assertThat(event.get("actor_type")).isEqualTo("ANONYMOUS");
			assertThat(event.get("outcome")).isEqualTo("REFUSED");
			assertThat(event.get("target")).isEqualTo(this.address);
		});
		assertThat(output).contains("Failed basic sign-in of user '" + user + "' from " + this.address)
			.contains("Locked the account of basic sign-in of user '" + user + "' from " + this.address)
			.contains("Refused session sign-in of user '" + user + "' from " + this.address)
			.doesNotContain("secret guess");
	}

	@Test
	void refusalsDuringOneLockAreAuditedOnceSoTheTrailCannotBeFloodedThroughThem() {
		String user = newUser();
		for (int i = 0; i < 3; i++) {
			basic(user, "secret guess " + i);
		}

		List<Integer> refused = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			refused.add(basic(user, "secret guess during the lock " + i).statusCode());
		}

		assertThat(refused).containsOnly(429);
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM audit_event WHERE actor = ? AND detail = 'TOO_MANY_SIGN_IN_ATTEMPTS'", Long.class,
				user))
			.isEqualTo(1);
	}

	@Test
	void changingTheOwnPasswordEndsTheOtherSessionsButNotTheChangingOne() {
		String user = newUser();
		changeOneTimePassword(user);
		Session changing = Session.of(signIn(user, USER_PASSWORD));
		Session other = Session.of(signIn(user, USER_PASSWORD));

		HttpResponse<String> changed = this.http.request("POST", "/api/v1/admin/me/password")
			.header("Cookie", changing.cookieHeader())
			.header("X-XSRF-TOKEN", changing.csrfToken())
			.json("{\"current_password\": \"" + USER_PASSWORD + "\", \"new_password\": \"the next long password\"}")
			.send();
		HttpResponse<String> changingAfter = me(changing);
		HttpResponse<String> otherAfter = me(other);
		int oldPassword = basic(user, USER_PASSWORD).statusCode();
		int newPassword = basic(user, "the next long password").statusCode();

		assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
		assertThat(changingAfter.statusCode()).isEqualTo(200);
		assertThat(otherAfter.statusCode()).isEqualTo(401);
		assertThat(HttpTester.json(otherAfter).path("code").asString()).isEqualTo("UNAUTHORIZED");
		assertThat(oldPassword).isEqualTo(401);
		assertThat(newPassword).isEqualTo(200);
	}

	@Test
	void anAdminResettingAPasswordEndsEverySessionOfThatUser() {
		String user = newUser();
		changeOneTimePassword(user);
		Session session = Session.of(signIn(user, USER_PASSWORD));

		HttpResponse<String> reset = this.http.request("POST", "/api/v1/admin/users/" + user + "/password")
			.basic("root", PASSWORD)
			.header("X-Forwarded-For", this.address)
			.json("{\"new_password\": \"a fresh one-time password\"}")
			.send();
		HttpResponse<String> sessionAfter = me(session);
		HttpResponse<String> signedInAgain = signIn(user, "a fresh one-time password");

		assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
		assertThat(HttpTester.json(reset).path("must_change_password").asBoolean()).isTrue();
		assertThat(sessionAfter.statusCode()).isEqualTo(401);
		assertThat(signedInAgain.statusCode()).isEqualTo(200);
		assertThat(HttpTester.json(signedInAgain).path("must_change_password").asBoolean()).isTrue();
	}

	@Test
	void userNamesAreUniqueRegardlessOfCaseAndSignInIgnoresCase() {
		String user = "Casey-" + UUID.randomUUID().toString().substring(0, 6);
		assertThat(create(user, USER_PASSWORD).statusCode()).isEqualTo(201);

		HttpResponse<String> clash = create(user.toLowerCase(), USER_PASSWORD);
		HttpResponse<String> signIn = signIn(user.toUpperCase(), USER_PASSWORD);

		assertThat(clash.statusCode()).isEqualTo(409);
		assertThat(HttpTester.json(clash).path("code").asString()).isEqualTo("USER_EXISTS");
		assertThat(signIn.statusCode()).isEqualTo(200);
		assertThat(HttpTester.json(signIn).path("username").asString()).isEqualTo(user);
	}

	@Test
	void adminBesideAdminIsAConflict() {
		HttpResponse<String> clash = create("Root", USER_PASSWORD);

		assertThat(clash.statusCode()).isEqualTo(409);
		assertThat(HttpTester.json(clash).path("code").asString()).isEqualTo("USER_EXISTS");
	}

	@Test
	void passwordsOfAnyAcceptedLengthWorkWholeAndLongerOnesAreRefused() {
		String longPassword = "one hundred and fifty characters, well past bcrypt's seventy-two bytes: ".repeat(3)
			.substring(0, 150);
		String user = newUser(longPassword);
		String almostSame = longPassword.substring(0, 149) + "!";

		int basicSignIn = basic(user, longPassword).statusCode();
		int sessionSignIn = signIn(user, longPassword).statusCode();
		int differingAtTheEnd = basic(user, almostSame).statusCode();
		HttpResponse<String> tooLong = create("long-" + UUID.randomUUID().toString().substring(0, 6),
				longPassword + "x".repeat(51));
		HttpResponse<String> longest = create("longest-" + UUID.randomUUID().toString().substring(0, 6),
				longPassword + "y".repeat(50));

		assertThat(basicSignIn).isEqualTo(200);
		assertThat(sessionSignIn).isEqualTo(200);
		assertThat(differingAtTheEnd).isEqualTo(401);
		assertThat(tooLong.statusCode()).isEqualTo(400);
		assertThat(HttpTester.json(tooLong).path("code").asString()).isEqualTo("VALIDATION_FAILED");
		assertThat(longest.statusCode()).as(longest.body()).isEqualTo(201);
		assertThat(
				this.jdbc.queryForObject("SELECT password_hash FROM admin_user WHERE username = ?", String.class, user))
			.startsWith("{argon2}$argon2id$");
	}

	@Test
	void weakPasswordsAreRefusedWithAClearProblem() {
		String user = "weak-" + UUID.randomUUID().toString().substring(0, 6);
		for (String weak : List.of("short pass", "aaaaaaaaaaaa", "abcabcabcabc", "123456789012", "zyxwvutsrqpo",
				"qwertyuiopasdf", "Password1234!", "iloveyou2026", "letmeinletmein", user, user + "2026")) {
			HttpResponse<String> refused = create(user, weak);

			assertThat(refused.statusCode()).as(weak).isEqualTo(400);
			assertThat(HttpTester.json(refused).path("code").asString()).as(weak).isEqualTo("WEAK_PASSWORD");
			assertThat(HttpTester.json(refused).path("detail").asString()).as(weak)
				.startsWith("The password is too easy to guess: ");
		}
		assertThat(create(user, "four unrelated words here").statusCode()).isEqualTo(201);
	}

	@Test
	void aBcryptHashStillVerifiesAndIsReplacedByArgon2AtSignIn() {
		String user = "legacy-" + UUID.randomUUID().toString().substring(0, 6);
		this.jdbc.update(
				"INSERT INTO admin_user (id, username, password_hash, role, must_change_password, enabled, created_at) "
						+ "VALUES (?, ?, ?, 'AUDITOR', false, true, now())",
				UUID.randomUUID(), user, "{bcrypt}" + new BCryptPasswordEncoder().encode(USER_PASSWORD));
		Session session = Session.of(signIn(user, USER_PASSWORD));

		int basicSignIn = basic(user, USER_PASSWORD).statusCode();

		assertThat(basicSignIn).isEqualTo(200);
		assertThat(
				this.jdbc.queryForObject("SELECT password_hash FROM admin_user WHERE username = ?", String.class, user))
			.startsWith("{argon2}");
		// A new hash of the same password is no password change: the session lives on.
		assertThat(me(session).statusCode()).isEqualTo(200);
		assertThat(this.jdbc.queryForObject("SELECT credentials_version FROM admin_user WHERE username = ?", Long.class,
				user))
			.isZero();
	}

	private String newUser() {
		return newUser(USER_PASSWORD);
	}

	private String newUser(String password) {
		String user = "user-" + UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> created = create(user, password);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return user;
	}

	private HttpResponse<String> create(String user, String password) {
		return this.http.request("POST", "/api/v1/admin/users")
			.basic("root", PASSWORD)
			.header("X-Forwarded-For", randomAddress())
			.json("{\"username\": \"" + user + "\", \"role\": \"AUDITOR\", \"initial_password\": \"" + password + "\"}")
			.send();
	}

	private void changeOneTimePassword(String user) {
		HttpResponse<String> changed = this.http.request("POST", "/api/v1/admin/me/password")
			.basic(user, USER_PASSWORD)
			.header("X-Forwarded-For", this.address)
			.json("{\"current_password\": \"" + USER_PASSWORD + "\", \"new_password\": \"an interim long password\"}")
			.send();
		assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
		HttpResponse<String> back = this.http.request("POST", "/api/v1/admin/me/password")
			.basic(user, "an interim long password")
			.header("X-Forwarded-For", this.address)
			.json("{\"current_password\": \"an interim long password\", \"new_password\": \"" + USER_PASSWORD + "\"}")
			.send();
		assertThat(back.statusCode()).as(back.body()).isEqualTo(204);
	}

	private HttpResponse<String> basic(String user, String password) {
		return this.http.request("GET", "/api/v1/admin/me")
			.basic(user, password)
			.header("X-Forwarded-For", this.address)
			.send();
	}

	private HttpResponse<String> signIn(String user, String password) {
		return this.http.request("POST", "/api/v1/admin/session")
			.header("X-Forwarded-For", this.address)
			.json("{\"username\": \"" + user + "\", \"password\": \"" + password + "\"}")
			.send();
	}

	private HttpResponse<String> me(Session session) {
		return this.http.request("GET", "/api/v1/admin/me")
			.header("Cookie", session.cookieHeader())
			.header("X-Forwarded-For", this.address)
			.send();
	}

	private static String randomAddress() {
		UUID random = UUID.randomUUID();
		return "10." + ((random.getMostSignificantBits() >>> 8) & 0xff) + "."
				+ ((random.getMostSignificantBits() >>> 16) & 0xff) + "."
				+ (1 + (random.getLeastSignificantBits() & 0x7f));
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Clocks {

		// Primary: the application's own clock bean stays, and would win by its name.
		@Bean
		@Primary
		TestClock testClock() {
			return TestClock.now();
		}

	}

}
