package io.voucher.api.platform;

import java.net.http.HttpResponse;

import io.voucher.api.testing.HttpTester;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console routes in the browser: a deep link or a reload on any console path must
 * answer the app's {@code index.html}, while missing built files stay 404.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@PostgresTest
class AdminConsoleRoutingTests {

	@LocalServerPort
	int port;

	HttpTester http;

	@BeforeEach
	void client() {
		this.http = new HttpTester(this.port);
	}

	@Test
	void deepLinkUnderAdminAnswersTheConsolePage() {
		String index = this.http.get("/admin/").body();

		for (String path : new String[] { "/admin/registrations", "/admin/policies/rental.v2?provider=acme",
				"/admin/registrations/AbCdEfGhIjKlMnOpQrStUv", "/admin/sign-in" }) {
			HttpResponse<String> response = this.http.get(path);
			assertThat(response.statusCode()).as(path).isEqualTo(200);
			assertThat(response.headers().firstValue("Content-Type")).as(path)
				.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
			assertThat(response.body()).as(path).isEqualTo(index).contains("<div id=\"root\">");
			// Deep links get the same Content-Security-Policy as the console's root.
			assertThat(response.headers().firstValue("Content-Security-Policy")).as(path)
				.hasValueSatisfying((csp) -> assertThat(csp).contains("script-src 'self'"));
		}
	}

	@Test
	void missingBuiltFilesStayNotFound() {
		assertThat(this.http.get("/admin/assets/no-such-chunk.js").statusCode()).isEqualTo(404);
		assertThat(this.http.get("/admin/no-such-file.png").statusCode()).isEqualTo(404);
	}

	@Test
	void builtFilesAreServedAsThemselves() {
		HttpResponse<String> icon = this.http.get("/admin/favicon.svg");

		assertThat(icon.statusCode()).isEqualTo(200);
		assertThat(icon.body()).contains("<svg");
	}

	@Test
	void apiPathsAreNotTheConsole() {
		HttpResponse<String> response = this.http.get("/api/v1/no-such-endpoint");

		assertThat(response.statusCode()).isNotEqualTo(200);
		assertThat(response.body()).doesNotContain("<div id=\"root\">");
	}

}
