package io.voucher.api.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The admin console in a real browser (Debian's Chromium driven by Playwright).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@PostgresTest
class AdminConsoleBrowserTests {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	static final Path SCREENSHOTS = Path.of("../admin-ui/target/screenshots");

	static Playwright playwright;

	static Browser browser;

	@LocalServerPort
	int port;

	@BeforeAll
	static void launchBrowser() {
		boolean present = Files.isExecutable(CHROMIUM);
		if (!present && System.getenv("CI") != null) {
			throw new IllegalStateException(CHROMIUM + " is missing: .ci/run must install Debian's chromium");
		}
		assumeTrue(present, "Chromium is not installed (apt-get install chromium); browser test skipped");
		playwright = Playwright.create();
		browser = playwright.chromium()
			.launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
				.setHeadless(true)
				.setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
						"--disable-background-networking", "--disable-component-update", "--disable-sync",
						"--no-first-run")));
	}

	@AfterAll
	static void closeBrowser() {
		if (browser != null) {
			browser.close();
		}
		if (playwright != null) {
			playwright.close();
		}
	}

	@Test
	void statusPageShowsPlatformDatabaseAndHealth() throws Exception {
		try (Page page = browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 800))) {
			List<String> problems = new ArrayList<>();
			page.onConsoleMessage((message) -> {
				if (message.type().equals("error")) {
					problems.add(message.text());
				}
			});
			page.onPageError(problems::add);
			Response response = page.navigate("http://localhost:" + this.port + "/admin/status");
			assertThat(response.headerValue("content-security-policy")).contains("script-src 'self'")
				.contains("frame-ancestors 'none'");

			Locator health = page.getByTestId("health-status");
			PlaywrightAssertions.assertThat(health).hasText("UP");
			PlaywrightAssertions.assertThat(page.getByTestId("platform-name")).hasText("Voucher");
			PlaywrightAssertions.assertThat(page.getByTestId("database-mode"))
				.containsText(Pattern.compile("external", Pattern.CASE_INSENSITIVE));
			assertThat(page.getByTestId("platform-version").textContent()).isNotBlank();
			assertThat(page.getByTestId("database-version").textContent()).containsPattern("\\d+\\.\\d+");

			// The console runs under its Content-Security-Policy without a single
			// violation.
			assertThat(problems).isEmpty();
			Files.createDirectories(SCREENSHOTS);
			page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("status.png")).setFullPage(true));
		}
	}

}
