package io.voucher.api.admin;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import io.voucher.api.testing.HttpTester;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's session sign-in: a session cookie plus a CSRF token for state-changing
 * requests, while Basic and bearer callers stay stateless and need no token.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "voucher.admin.initial-username=root",
				"voucher.admin.initial-password=" + AdminSessionTests.PASSWORD })
@PostgresTest
class AdminSessionTests {

	static final String PASSWORD = "session admin password";

	@LocalServerPort
	int port;

	HttpTester http;

	@BeforeEach
	void client() {
		this.http = new HttpTester(this.port);
	}

	@Test
	void signInSetsHttpOnlyStrictSessionCookieAndReadableCsrfCookie() {
		HttpResponse<String> signIn = signIn("root", PASSWORD);

		assertThat(signIn.statusCode()).isEqualTo(200);
		assertThat(HttpTester.json(signIn).path("username").asString()).isEqualTo("root");
		assertThat(HttpTester.json(signIn).path("role").asString()).isEqualTo("ADMIN");
		String session = setCookie(signIn, "VOUCHER_SESSION");
		String csrf = setCookie(signIn, "XSRF-TOKEN");
		assertThat(session).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
		// Plain HTTP here: the server adds Secure only over HTTPS.
		assertThat(session.split(";")).extracting((attribute) -> attribute.trim().toLowerCase())
			.doesNotContain("secure");
		assertThat(csrf).doesNotContainIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Strict");
	}

	@Test
	void sessionWriteWithoutCsrfTokenIsRefusedAndWithItSucceeds() {
		Session session = Session.of(signIn("root", PASSWORD));

		HttpResponse<String> withoutToken = this.http.request("POST", "/api/v1/admin/providers")
			.header("Cookie", session.cookieHeader())
			.json(provider())
			.send();
		HttpResponse<String> withToken = this.http.request("POST", "/api/v1/admin/providers")
			.header("Cookie", session.cookieHeader())
			.header("X-XSRF-TOKEN", session.csrfToken())
			.json(provider())
			.send();

		assertThat(withoutToken.statusCode()).isEqualTo(403);
		assertThat(HttpTester.json(withoutToken).path("code").asString()).isEqualTo("CSRF_TOKEN_INVALID");
		assertThat(withToken.statusCode()).as(withToken.body()).isEqualTo(201);
	}

	@Test
	void sessionWriteWithWrongCsrfTokenIsRefused() {
		Session session = Session.of(signIn("root", PASSWORD));

		HttpResponse<String> forged = this.http.request("POST", "/api/v1/admin/providers")
			.header("Cookie", session.cookieHeader())
			.header("X-XSRF-TOKEN", "not-the-token")
			.json(provider())
			.send();

		assertThat(forged.statusCode()).isEqualTo(403);
		assertThat(HttpTester.json(forged).path("code").asString()).isEqualTo("CSRF_TOKEN_INVALID");
	}

	@Test
	void sessionReadNeedsNoCsrfToken() {
		Session session = Session.of(signIn("root", PASSWORD));

		HttpResponse<String> me = this.http.request("GET", "/api/v1/admin/me")
			.header("Cookie", session.cookieHeader())
			.send();

		assertThat(me.statusCode()).isEqualTo(200);
		assertThat(HttpTester.json(me).path("username").asString()).isEqualTo("root");
	}

	@Test
	void basicWriteNeedsNoCsrfTokenAndOpensNoSession() {
		HttpResponse<String> created = this.http.request("POST", "/api/v1/admin/providers")
			.basic("root", PASSWORD)
			.json(provider())
			.send();

		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		assertThat(created.headers().allValues("Set-Cookie")).isEmpty();
	}

	@Test
	void signOutEndsTheSession() {
		Session session = Session.of(signIn("root", PASSWORD));

		HttpResponse<String> signOut = this.http.request("DELETE", "/api/v1/admin/session")
			.header("Cookie", session.cookieHeader())
			.header("X-XSRF-TOKEN", session.csrfToken())
			.send();
		HttpResponse<String> after = this.http.request("GET", "/api/v1/admin/me")
			.header("Cookie", session.cookieHeader())
			.send();

		assertThat(signOut.statusCode()).isEqualTo(204);
		assertThat(setCookie(signOut, "VOUCHER_SESSION")).containsIgnoringCase("Max-Age=0");
		assertThat(after.statusCode()).isEqualTo(401);
		assertThat(HttpTester.json(after).path("code").asString()).isEqualTo("UNAUTHORIZED");
	}

	@Test
	void signOutWithoutCsrfTokenKeepsTheSession() {
		Session session = Session.of(signIn("root", PASSWORD));

		HttpResponse<String> signOut = this.http.request("DELETE", "/api/v1/admin/session")
			.header("Cookie", session.cookieHeader())
			.send();
		HttpResponse<String> after = this.http.request("GET", "/api/v1/admin/me")
			.header("Cookie", session.cookieHeader())
			.send();

		assertThat(signOut.statusCode()).isEqualTo(403);
		assertThat(after.statusCode()).isEqualTo(200);
	}

	@Test
	void signInWithWrongPasswordIsUnauthorizedProblemAndOpensNoSession() {
		HttpResponse<String> refused = signIn("root", "not the password");

		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(refused.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(HttpTester.json(refused).path("code").asString()).isEqualTo("UNAUTHORIZED");
		// No Basic challenge: a browser must not pop up its own sign-in dialog.
		assertThat(refused.headers().firstValue("WWW-Authenticate")).isEmpty();
		assertThat(refused.headers().allValues("Set-Cookie"))
			.noneMatch((cookie) -> cookie.startsWith("VOUCHER_SESSION="));
	}

	@Test
	void signInRenewsTheSessionId() {
		Session first = Session.of(signIn("root", PASSWORD));

		HttpResponse<String> again = this.http.request("POST", "/api/v1/admin/session")
			.header("Cookie", first.cookieHeader())
			.json("{\"username\": \"root\", \"password\": \"" + PASSWORD + "\"}")
			.send();

		assertThat(again.statusCode()).isEqualTo(200);
		assertThat(Session.of(again).sessionId()).isNotEqualTo(first.sessionId());
	}

	@Test
	void sessionWithOneTimePasswordMayOnlyChangeItThenWorksWithoutSigningInAgain() {
		String username = "console-" + UUID.randomUUID().toString().substring(0, 6);
		HttpResponse<String> created = this.http.request("POST", "/api/v1/admin/users")
			.basic("root", PASSWORD)
			.json("{\"username\": \"" + username
					+ "\", \"role\": \"OPERATOR\", \"initial_password\": \"one-time password\"}")
			.send();
		assertThat(created.statusCode()).isEqualTo(201);
		HttpResponse<String> signIn = signIn(username, "one-time password");
		Session session = Session.of(signIn);

		HttpResponse<String> blocked = this.http.request("GET", "/api/v1/admin/providers")
			.header("Cookie", session.cookieHeader())
			.send();
		HttpResponse<String> changed = this.http.request("POST", "/api/v1/admin/me/password")
			.header("Cookie", session.cookieHeader())
			.header("X-XSRF-TOKEN", session.csrfToken())
			.json("{\"current_password\": \"one-time password\", \"new_password\": \"a long new password\"}")
			.send();
		HttpResponse<String> allowed = this.http.request("GET", "/api/v1/admin/providers")
			.header("Cookie", session.cookieHeader())
			.send();

		assertThat(HttpTester.json(signIn).path("must_change_password").asBoolean()).isTrue();
		assertThat(blocked.statusCode()).isEqualTo(403);
		assertThat(HttpTester.json(blocked).path("code").asString()).isEqualTo("PASSWORD_CHANGE_REQUIRED");
		assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
		assertThat(allowed.statusCode()).isEqualTo(200);
	}

	@Test
	void sessionOfDisabledUserEndsAtOnce() {
		String username = "leaver-" + UUID.randomUUID().toString().substring(0, 6);
		this.http.request("POST", "/api/v1/admin/users")
			.basic("root", PASSWORD)
			.json("{\"username\": \"" + username
					+ "\", \"role\": \"AUDITOR\", \"initial_password\": \"one-time password\"}")
			.send();
		this.http.request("POST", "/api/v1/admin/me/password")
			.basic(username, "one-time password")
			.json("{\"current_password\": \"one-time password\", \"new_password\": \"a long new password\"}")
			.send();
		Session session = Session.of(signIn(username, "a long new password"));
		HttpResponse<String> before = this.http.request("GET", "/api/v1/admin/me")
			.header("Cookie", session.cookieHeader())
			.send();

		this.http.request("DELETE", "/api/v1/admin/users/" + username).basic("root", PASSWORD).send();
		HttpResponse<String> after = this.http.request("GET", "/api/v1/admin/me")
			.header("Cookie", session.cookieHeader())
			.send();

		assertThat(before.statusCode()).isEqualTo(200);
		assertThat(after.statusCode()).isEqualTo(401);
	}

	private HttpResponse<String> signIn(String username, String password) {
		return this.http.request("POST", "/api/v1/admin/session")
			.json("{\"username\": \"" + username + "\", \"password\": \"" + password + "\"}")
			.send();
	}

	private static String provider() {
		String name = "session-" + UUID.randomUUID().toString().substring(0, 8);
		return "{\"name\": \"" + name + "\", \"display_name\": \"" + name + "\"}";
	}

	private static String setCookie(HttpResponse<String> response, String name) {
		return response.headers()
			.allValues("Set-Cookie")
			.stream()
			.filter((cookie) -> cookie.startsWith(name + "="))
			.reduce((first, last) -> last)
			.orElseThrow(() -> new AssertionError("no " + name + " cookie in " + response.headers().map()));
	}

	/**
	 * The cookies a browser would keep after signing in.
	 */
	record Session(Map<String, String> cookies) {

		static Session of(HttpResponse<String> signIn) {
			Map<String, String> cookies = new LinkedHashMap<>();
			List<String> headers = signIn.headers().allValues("Set-Cookie");
			for (String header : headers) {
				String pair = header.split(";", 2)[0];
				int equals = pair.indexOf('=');
				cookies.put(pair.substring(0, equals), pair.substring(equals + 1));
			}
			assertThat(cookies).containsKeys("VOUCHER_SESSION", "XSRF-TOKEN");
			return new Session(cookies);
		}

		String sessionId() {
			return this.cookies.get("VOUCHER_SESSION");
		}

		String csrfToken() {
			return this.cookies.get("XSRF-TOKEN");
		}

		String cookieHeader() {
			return this.cookies.entrySet()
				.stream()
				.map((cookie) -> cookie.getKey() + "=" + cookie.getValue())
				.collect(Collectors.joining("; "));
		}

	}

}
