package io.voucher.api.admin;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import io.voucher.api.testing.HttpTester;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first admin user of a fresh platform with no configured password: its generated
 * one-time password is written to a file only its owner can read, never to the log, and
 * the file goes once the password is changed.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "voucher.admin.initial-password-file=" + InitialAdminTests.FILE)
@PostgresTest
@ExtendWith(OutputCaptureExtension.class)
class InitialAdminTests {

	static final String FILE = "target/initial-admin-tests/one-time-password";

	@LocalServerPort
	int port;

	@Autowired
	InitialAdmin initialAdmin;

	@Test
	void oneTimePasswordIsInAnOwnerOnlyFileNotInTheLogAndTheFileGoesWhenItIsChanged(CapturedOutput output)
			throws Exception {
		Path file = Path.of(FILE);
		String password = Files.readString(file).strip();
		HttpTester http = new HttpTester(this.port);

		HttpResponse<String> me = http.request("GET", "/api/v1/admin/me").basic("admin", password).send();
		HttpResponse<String> blocked = http.request("GET", "/api/v1/admin/providers").basic("admin", password).send();
		String permissions = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
		HttpResponse<String> changed = http.request("POST", "/api/v1/admin/me/password")
			.basic("admin", password)
			.json("{\"current_password\": \"" + password + "\", \"new_password\": \"a long new password\"}")
			.send();
		HttpResponse<String> allowed = http.request("GET", "/api/v1/admin/providers")
			.basic("admin", "a long new password")
			.send();

		assertThat(password).hasSize(20);
		assertThat(permissions).isEqualTo("rw-------");
		assertThat(output.getAll()).contains("Created the initial admin user 'admin' with a one-time password")
			.contains(file.toAbsolutePath().normalize().toString())
			.doesNotContain(password);
		assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
		assertThat(HttpTester.json(me).path("must_change_password").asBoolean()).isTrue();
		assertThat(blocked.statusCode()).isEqualTo(403);
		assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
		assertThat(file).doesNotExist();
		assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);

		// A file left behind (another node handled the change, or its deletion failed)
		// goes at the next start.
		Files.writeString(file, "stale\n");
		this.initialAdmin.run(new DefaultApplicationArguments());
		assertThat(file).doesNotExist();
	}

}
