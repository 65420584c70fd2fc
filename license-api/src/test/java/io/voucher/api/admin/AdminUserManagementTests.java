package io.voucher.api.admin;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import io.voucher.api.admin.AdminSessionTests.Session;
import io.voucher.api.testing.HttpTester;
import io.voucher.api.web.ApiException;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Managing admin users: another role, disabling and enabling, a new one-time password.
 * Each ends the user's console sessions at once (their rows are gone from the session
 * store), is recorded in the audit trail, and never leaves the platform without an
 * enabled ADMIN.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "voucher.admin.initial-username=root",
				"voucher.admin.initial-password=" + AdminUserManagementTests.PASSWORD })
@PostgresTest
class AdminUserManagementTests {

	static final String PASSWORD = "users admin password";

	static final String USER_PASSWORD = "a user's own password";

	@LocalServerPort
	int port;

	@Autowired
	AdminUserService users;

	@Autowired
	JdbcTemplate jdbc;

	HttpTester http;

	String username;

	@BeforeEach
	void user() {
		this.http = new HttpTester(this.port);
		this.username = "user-" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(this.http.request("POST", "/api/v1/admin/users")
			.basic("root", PASSWORD)
			.json("{\"username\": \"" + this.username
					+ "\", \"role\": \"OPERATOR\", \"initial_password\": \"one-time password\"}")
			.send()
			.statusCode()).isEqualTo(201);
		assertThat(this.http.request("POST", "/api/v1/admin/me/password")
			.basic(this.username, "one-time password")
			.json("{\"current_password\": \"one-time password\", \"new_password\": \"" + USER_PASSWORD + "\"}")
			.send()
			.statusCode()).isEqualTo(204);
	}

	@Test
	void changeRoleEndsTheUsersSessionsAndTheNewRoleHolds() {
		Session session = signedIn(this.username, USER_PASSWORD);

		HttpResponse<String> changed = this.http.request("PUT", "/api/v1/admin/users/" + this.username + "/role")
			.basic("root", PASSWORD)
			.json("{\"role\": \"AUDITOR\"}")
			.send();

		assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
		assertThat(HttpTester.json(changed).path("role").asString()).isEqualTo("AUDITOR");
		assertThat(storedSessions()).isZero();
		assertProblem(me(session), 401, "UNAUTHORIZED");
		Session again = signedIn(this.username, USER_PASSWORD);
		assertThat(HttpTester.json(me(again)).path("role").asString()).isEqualTo("AUDITOR");
		assertProblem(this.http.request("POST", "/api/v1/admin/providers")
			.basic(this.username, USER_PASSWORD)
			.json("{\"name\": \"not-by-auditors\", \"display_name\": \"x\"}")
			.send(), 403, "FORBIDDEN");
		assertThat(events()).containsExactly("user.role_changed OPERATOR -> AUDITOR");
	}

	@Test
	void givingTheSameRoleChangesNothing() {
		Session session = signedIn(this.username, USER_PASSWORD);

		HttpResponse<String> same = this.http.request("PUT", "/api/v1/admin/users/" + this.username + "/role")
			.basic("root", PASSWORD)
			.json("{\"role\": \"OPERATOR\"}")
			.send();

		assertThat(same.statusCode()).isEqualTo(200);
		assertThat(me(session).statusCode()).isEqualTo(200);
		assertThat(events()).isEmpty();
	}

	@Test
	void disableEndsSessionsAndSignInSaysSoOnlyWithTheRightPassword() {
		Session session = signedIn(this.username, USER_PASSWORD);
		assertThat(storedSessions()).isEqualTo(1);

		HttpResponse<String> disabled = this.http.request("POST", "/api/v1/admin/users/" + this.username + "/disable")
			.basic("root", PASSWORD)
			.send();

		assertThat(disabled.statusCode()).as(disabled.body()).isEqualTo(200);
		assertThat(HttpTester.json(disabled).path("enabled").asBoolean()).isFalse();
		assertThat(storedSessions()).isZero();
		assertProblem(me(session), 401, "UNAUTHORIZED");
		assertProblem(signIn(this.username, USER_PASSWORD), 403, "USER_DISABLED");
		assertProblem(signIn(this.username, "not the password at all"), 401, "UNAUTHORIZED");
		assertProblem(this.http.request("GET", "/api/v1/admin/me").basic(this.username, USER_PASSWORD).send(), 403,
				"USER_DISABLED");
		assertProblem(this.http.request("GET", "/api/v1/admin/me").basic(this.username, "wrong password 2").send(), 401,
				"UNAUTHORIZED");

		HttpResponse<String> enabled = this.http.request("POST", "/api/v1/admin/users/" + this.username + "/enable")
			.basic("root", PASSWORD)
			.send();

		assertThat(enabled.statusCode()).isEqualTo(200);
		assertThat(HttpTester.json(enabled).path("enabled").asBoolean()).isTrue();
		assertThat(HttpTester.json(me(signedIn(this.username, USER_PASSWORD))).path("role").asString())
			.isEqualTo("OPERATOR");
		assertThat(events()).containsExactly("user.disabled null", "user.enabled null");
	}

	@Test
	void resetPasswordEndsSessionsAndTheOneTimePasswordMustBeChanged() {
		Session session = signedIn(this.username, USER_PASSWORD);

		HttpResponse<String> reset = this.http.request("POST", "/api/v1/admin/users/" + this.username + "/password")
			.basic("root", PASSWORD)
			.json("{\"new_password\": \"another one-time password\"}")
			.send();

		assertThat(reset.statusCode()).as(reset.body()).isEqualTo(200);
		assertThat(HttpTester.json(reset).path("must_change_password").asBoolean()).isTrue();
		assertThat(storedSessions()).isZero();
		assertProblem(me(session), 401, "UNAUTHORIZED");
		Session fresh = signedIn(this.username, "another one-time password");
		assertProblem(this.http.request("GET", "/api/v1/admin/providers").header("Cookie", fresh.cookieHeader()).send(),
				403, "PASSWORD_CHANGE_REQUIRED");
		assertThat(events()).containsExactly("user.password_reset null");
	}

	@Test
	void anAdminCannotChangeTheirOwnRoleNorDisableThemself() {
		assertProblem(this.http.request("PUT", "/api/v1/admin/users/ROOT/role")
			.basic("root", PASSWORD)
			.json("{\"role\": \"AUDITOR\"}")
			.send(), 409, "OWN_ACCOUNT");
		assertProblem(this.http.request("POST", "/api/v1/admin/users/root/disable").basic("root", PASSWORD).send(), 409,
				"OWN_ACCOUNT");
		assertThat(HttpTester.json(this.http.request("GET", "/api/v1/admin/me").basic("root", PASSWORD).send())
			.path("role")
			.asString()).isEqualTo("ADMIN");
	}

	@Test
	void theLastEnabledAdminCannotBeDemotedNorDisabled() {
		// Another ADMIN who then leaves root the only enabled one.
		this.users.changeRole(this.username, AdminRole.ADMIN, "root");
		List<String> admins = this.jdbc.queryForList(
				"SELECT username FROM admin_user WHERE role = 'ADMIN' AND enabled AND username <> 'root'",
				String.class);
		admins.forEach((admin) -> this.users.disable(admin, "root"));

		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.users.changeRole("root", AdminRole.OPERATOR, this.username))
			.satisfies((ex) -> assertThat(ex.code().name()).isEqualTo("LAST_ENABLED_ADMIN"));
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> this.users.disable("root", this.username))
			.satisfies((ex) -> assertThat(ex.code().name()).isEqualTo("LAST_ENABLED_ADMIN"));
		assertThat(this.users.get("root").role()).isEqualTo(AdminRole.ADMIN);
		assertThat(this.users.get("root").enabled()).isTrue();
		admins.forEach((admin) -> this.users.enable(admin, "root"));
	}

	private Session signedIn(String username, String password) {
		HttpResponse<String> signIn = signIn(username, password);
		assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
		return Session.of(signIn);
	}

	private HttpResponse<String> signIn(String username, String password) {
		return this.http.request("POST", "/api/v1/admin/session")
			.json("{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}")
			.send();
	}

	private HttpResponse<String> me(Session session) {
		return this.http.request("GET", "/api/v1/admin/me").header("Cookie", session.cookieHeader()).send();
	}

	private long storedSessions() {
		Long count = this.jdbc.queryForObject("SELECT count(*) FROM spring_session WHERE principal_name = ?",
				Long.class, this.username);
		return (count != null) ? count : 0;
	}

	private List<String> events() {
		return this.jdbc.queryForList(
				"SELECT action || ' ' || coalesce(detail, 'null') FROM audit_event WHERE action LIKE 'user.%' "
						+ "AND target = ? ORDER BY id",
				String.class, "/api/v1/admin/users/" + this.username);
	}

	private static void assertProblem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		JsonNode body = HttpTester.json(response);
		assertThat(body.path("code").asString()).isEqualTo(code);
	}

}
