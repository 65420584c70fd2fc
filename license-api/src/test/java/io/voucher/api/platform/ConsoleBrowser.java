package io.voucher.api.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's Chromium driven by Playwright, launched with the flags these build machines
 * need; Playwright never downloads a browser of its own.
 */
public final class ConsoleBrowser implements AutoCloseable {

	static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	/** Where the console's screenshots go: the admin-ui module's build folder. */
	public static final Path SCREENSHOTS = Path.of("../admin-ui/target/screenshots");

	private final Playwright playwright;

	private final Browser browser;

	private ConsoleBrowser(Playwright playwright, Browser browser) {
		this.playwright = playwright;
		this.browser = browser;
	}

	/**
	 * Launches Chromium, or skips the test where it is not installed (outside CI).
	 * @return the running browser
	 */
	public static ConsoleBrowser launch() {
		boolean present = Files.isExecutable(CHROMIUM);
		if (!present && System.getenv("CI") != null) {
			throw new IllegalStateException(CHROMIUM + " is missing: .ci/run must install Debian's chromium");
		}
		assumeTrue(present, "Chromium is not installed (apt-get install chromium); browser test skipped");
		Playwright playwright = Playwright.create();
		Browser browser = playwright.chromium()
			.launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
				.setHeadless(true)
				.setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
						"--disable-background-networking", "--disable-component-update", "--disable-sync",
						"--no-first-run")));
		return new ConsoleBrowser(playwright, browser);
	}

	public Browser browser() {
		return this.browser;
	}

	/**
	 * A new page at 1280 × 800 that collects the console's errors and uncaught
	 * exceptions, with generous timeouts: pages load over a busy 2-core machine, and
	 * tests wait for conditions, not durations.
	 * @param errors where the browser's errors go
	 * @return the page
	 */
	public Page newPage(List<String> errors) {
		PlaywrightAssertions.setDefaultAssertionTimeout(30_000);
		Page page = this.browser.newPage(new Browser.NewPageOptions().setViewportSize(1280, 800));
		page.setDefaultTimeout(30_000);
		page.onConsoleMessage((message) -> {
			if (message.type().equals("error")) {
				errors.add(message.text());
			}
		});
		page.onPageError(errors::add);
		return page;
	}

	/**
	 * Signs in on the console's sign-in form.
	 * @param page the page showing the form
	 * @param username the user
	 * @param password the password
	 */
	public static void signIn(Page page, String username, String password) {
		page.getByTestId("field-username").fill(username);
		page.getByTestId("field-password").fill(password);
		page.getByTestId("sign-in").click();
	}

	/**
	 * Writes a full-page screenshot under {@link #SCREENSHOTS}.
	 * @param page the page
	 * @param name the file's name, without {@code .png}
	 * @throws IOException if the folder cannot be made
	 */
	public static void screenshot(Page page, String name) throws IOException {
		Files.createDirectories(SCREENSHOTS);
		page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
	}

	@Override
	public void close() {
		this.browser.close();
		this.playwright.close();
	}

}
