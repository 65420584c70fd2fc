package io.voucher.api.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Playwright;

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

	@Override
	public void close() {
		this.browser.close();
		this.playwright.close();
	}

}
