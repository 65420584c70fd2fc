package io.voucher.api.admin;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import io.voucher.api.VoucherApplication;
import io.voucher.api.admin.AdminSessionTests.Session;
import io.voucher.api.testing.HttpTester;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Console sessions live in PostgreSQL: two application nodes on one database serve the
 * same signed-in user, and ending a user's sessions on one node ends them on the other at
 * once.
 */
class SharedConsoleSessionsTests {

	static final String ROOT_PASSWORD = "shared sessions password";

	@TempDir
	Path work;

	@Test
	void sessionOfOneNodeIsServedByTheOtherAndEndsOnBoth() throws Exception {
		try (EmbeddedPostgres postgres = EmbeddedPostgres.builder()
			.setDataDirectory(this.work.resolve("postgres"))
			.setPort(freePort())
			.start();
				ConfigurableApplicationContext nodeA = node(postgres.getPort(), "a");
				ConfigurableApplicationContext nodeB = node(postgres.getPort(), "b")) {
			HttpTester a = new HttpTester(port(nodeA));
			HttpTester b = new HttpTester(port(nodeB));
			assertThat(a.request("POST", "/api/v1/admin/users")
				.basic("root", ROOT_PASSWORD)
				.json("{\"username\": \"roaming\", \"role\": \"OPERATOR\", "
						+ "\"initial_password\": \"one-time password\"}")
				.send()
				.statusCode()).isEqualTo(201);
			assertThat(b.request("POST", "/api/v1/admin/me/password")
				.basic("roaming", "one-time password")
				.json("{\"current_password\": \"one-time password\", \"new_password\": \"roaming password 1\"}")
				.send()
				.statusCode()).isEqualTo(204);

			Session session = Session.of(a.request("POST", "/api/v1/admin/session")
				.json("{\"username\": \"roaming\", \"password\": \"roaming password 1\"}")
				.send());
			HttpResponse<String> readOnB = b.request("GET", "/api/v1/admin/me")
				.header("Cookie", session.cookieHeader())
				.send();
			HttpResponse<String> writeOnB = b.request("POST", "/api/v1/admin/providers")
				.header("Cookie", session.cookieHeader())
				.header("X-XSRF-TOKEN", session.csrfToken())
				.json("{\"name\": \"made-on-b\", \"display_name\": \"Made on B\"}")
				.send();

			assertThat(readOnB.statusCode()).as(readOnB.body()).isEqualTo(200);
			assertThat(HttpTester.json(readOnB).path("username").asString()).isEqualTo("roaming");
			assertThat(writeOnB.statusCode()).as(writeOnB.body()).isEqualTo(201);
			assertThat(
					a.request("GET", "/api/v1/admin/me").header("Cookie", session.cookieHeader()).send().statusCode())
				.isEqualTo(200);

			// Disabled through node B: the session ends on node A at once, its rows gone.
			assertThat(b.request("POST", "/api/v1/admin/users/roaming/disable")
				.basic("root", ROOT_PASSWORD)
				.send()
				.statusCode()).isEqualTo(200);

			JdbcTemplate jdbc = nodeA.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject("SELECT count(*) FROM spring_session WHERE principal_name = 'roaming'",
					Long.class))
				.isZero();
			HttpResponse<String> endedOnA = a.request("GET", "/api/v1/admin/me")
				.header("Cookie", session.cookieHeader())
				.send();
			assertThat(endedOnA.statusCode()).isEqualTo(401);
			assertThat(HttpTester.json(endedOnA).path("code").asString()).isEqualTo("UNAUTHORIZED");

			// Signing out on one node ends the session on the other.
			assertThat(a.request("POST", "/api/v1/admin/users/roaming/enable")
				.basic("root", ROOT_PASSWORD)
				.send()
				.statusCode()).isEqualTo(200);
			Session second = Session.of(b.request("POST", "/api/v1/admin/session")
				.json("{\"username\": \"roaming\", \"password\": \"roaming password 1\"}")
				.send());
			assertThat(a.request("DELETE", "/api/v1/admin/session")
				.header("Cookie", second.cookieHeader())
				.header("X-XSRF-TOKEN", second.csrfToken())
				.send()
				.statusCode()).isEqualTo(204);
			assertThat(b.request("GET", "/api/v1/admin/me").header("Cookie", second.cookieHeader()).send().statusCode())
				.isEqualTo(401);
		}
	}

	private ConfigurableApplicationContext node(int databasePort, String name) {
		return new SpringApplicationBuilder(VoucherApplication.class).run("--server.port=0",
				"--spring.datasource.url=jdbc:postgresql://localhost:" + databasePort + "/postgres",
				"--spring.datasource.username=postgres", "--spring.datasource.password=",
				"--spring.application.name=node-" + name, "--voucher.keys.directory=" + this.work.resolve("keys"),
				"--voucher.admin.initial-username=root", "--voucher.admin.initial-password=" + ROOT_PASSWORD);
	}

	private static int port(ConfigurableApplicationContext node) {
		return node.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
