package io.voucher.api.platform;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.voucher.api.testing.HttpTester;
import io.voucher.api.testing.TrustedManufacturer;
import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.testing.TestDevice;
import io.voucher.crypto.testing.TestPki;
import io.voucher.crypto.voucher.TrackType;
import io.voucher.domain.content.ContentId;
import io.voucher.domain.content.ContentService;
import io.voucher.domain.content.KeyRequest;
import io.voucher.domain.policy.PlaybackPolicy;
import io.voucher.domain.policy.PolicyName;
import io.voucher.domain.policy.PolicyService;
import io.voucher.domain.provider.ProviderService;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The admin console end to end: a real browser (Debian's Chromium driven by Playwright)
 * on the real server and PostgreSQL. Devices and license requests go through the device
 * and provider APIs, as in production; everything an operator does goes through the
 * console. Each main page leaves a screenshot in {@code admin-ui/target/screenshots/}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "voucher.jobs.polling-interval=200ms", "voucher.admin.initial-username=root",
				"voucher.admin.initial-password=" + AdminConsoleEndToEndTests.PASSWORD })
@PostgresTest
class AdminConsoleEndToEndTests {

	static final String PASSWORD = "console admin password";

	static final TestPki manufacturer = TestPki.create();

	@TempDir
	static Path exports;

	static ConsoleBrowser chromium;

	@DynamicPropertySource
	static void platform(DynamicPropertyRegistry registry) {
		TrustedManufacturer.trust(registry, manufacturer);
		registry.add("voucher.export.directory", () -> exports.resolve("bundles").toString());
	}

	@BeforeAll
	static void launchBrowser() {
		chromium = ConsoleBrowser.launch();
	}

	@AfterAll
	static void closeBrowser() {
		if (chromium != null) {
			chromium.close();
		}
	}

	@LocalServerPort
	int port;

	@Autowired
	ProviderService providers;

	@Autowired
	ContentService contents;

	@Autowired
	PolicyService policies;

	HttpTester http;

	String provider;

	String token;

	Page page;

	final List<String> browserErrors = new ArrayList<>();

	@BeforeEach
	void providerAndPage() {
		this.http = new HttpTester(this.port);
		this.provider = "console-" + UUID.randomUUID().toString().substring(0, 8);
		this.providers.create(this.provider, "Console Media");
		this.token = this.providers.createCredential(this.provider, "backend").token();
		this.page = chromium.newPage(this.browserErrors);
	}

	@AfterEach
	void closePage() {
		if (this.page != null) {
			this.page.close();
		}
	}

	@Test
	void operatorManagesPoliciesContentAndDevicesAndWatchesTheOutcome() throws Exception {
		// Sign in.
		this.page.navigate(url("/admin/"));
		assertThat(this.page.getByTestId("sign-in-form")).isVisible();
		screenshot("sign-in");
		signIn("root", PASSWORD);
		assertThat(this.page.getByTestId("page-title")).hasText("Dashboard");
		assertThat(this.page.getByTestId("current-role")).hasText("ADMIN");

		// A policy with an invalid field is told off inline, then saved once fixed.
		this.page.navigate(url("/admin/policies/new?provider=" + this.provider));
		this.page.getByTestId("field-name").fill("rental");
		Locator licenseDuration = this.page.getByTestId("field-license_duration_seconds");
		licenseDuration.fill("-5");
		licenseDuration.blur();
		assertThat(this.page.getByTestId("error-license_duration_seconds")).hasText("must not be negative");
		assertThat(licenseDuration).hasAttribute("aria-invalid", "true");
		this.page.getByTestId("save-policy").click();
		assertThat(this.page.getByTestId("policy-invalid")).isVisible();
		assertThat(this.page).hasURL(Pattern.compile("/admin/policies/new"));
		screenshot("policy-invalid");
		// Durations are typed in units: one day.
		this.page.getByTestId("unit-license_duration_seconds").selectOption("d");
		licenseDuration.fill("1");
		assertThat(this.page.getByTestId("error-license_duration_seconds")).hasCount(0);
		this.page.getByTestId("save-policy").click();
		assertThat(this.page.getByTestId("policy-saved")).isVisible();
		assertThat(this.page.getByTestId("policy-json")).containsText("\"license_duration_seconds\": 86400");
		screenshot("policy");
		assertThat(this.policies.get(this.providers.get(this.provider).id(), new PolicyName("rental"))
			.settings()
			.licenseDurationSeconds()).isEqualTo(86_400);

		// Content with generated keys; the page shows key ids, never key bytes.
		this.page.navigate(url("/admin/contents/new?provider=" + this.provider));
		this.page.getByTestId("field-content_id").fill("movie");
		this.page.getByTestId("field-content-name").fill("The Movie");
		this.page.getByTestId("save-content").click();
		assertThat(this.page.getByTestId("content-keys").locator("tbody tr")).hasCount(2);
		assertThat(this.page.getByTestId("page-title")).hasText("The Movie");
		screenshot("content");

		// A device registers through the device API; the console finds it by search.
		TestDevice device = manufacturer.newDevice().build();
		GeneratedId id = GeneratedId.random();
		HttpResponse<String> registered = this.http.request("POST", "/device/v1/registrations")
			.json("{\"registration\": \"" + device.register(id, this.provider) + "\"}")
			.send();
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		this.page.navigate(url("/admin/registrations?provider=" + this.provider));
		this.page.getByTestId("filter-q").fill(id.toString().substring(0, 10));
		this.page.getByTestId("registrations-search").click();
		assertThat(this.page).hasURL(Pattern.compile("[?&]q=" + id.toString().substring(0, 10)));
		assertThat(this.page.getByTestId("registrations-row")).hasCount(1);
		screenshot("registrations");
		this.page.getByTestId("registrations-row").getByRole(AriaRole.LINK).first().click();
		assertThat(this.page.getByTestId("registration-fingerprint")).hasText(device.fingerprint().value());
		assertThat(this.page.getByTestId("certificate-facts")).isVisible();
		assertThat(this.page.getByTestId("registration-status")).hasText("ACTIVE");

		// Revoke it, after a confirmation that asks for a reason.
		this.page.getByTestId("revoke-device").click();
		Locator dialog = this.page.getByTestId("confirm-dialog");
		assertThat(dialog).isVisible();
		assertThat(dialog.getByTestId("confirm-button")).isDisabled();
		dialog.getByTestId("field-revoke-reason").fill("certificate cloned");
		dialog.getByTestId("confirm-button").click();
		assertThat(this.page.getByTestId("registration-status")).hasText("REVOKED");
		assertThat(this.page.getByTestId("revoke-device")).hasCount(0);
		screenshot("registration");

		// The revoked device's license request is refused, and the dashboard shows it.
		String challenge = device.challenge().contentId("movie").issuedAt(Instant.now()).build();
		HttpResponse<String> refused = this.http.request("POST", "/api/v1/licenses")
			.bearer(this.token)
			.json("{\"payload\": \"" + challenge + "\", \"provider\": \"" + this.provider
					+ "\", \"policy_name\": \"rental\"}")
			.send();
		assertThat(HttpTester.json(refused).path("status").asString()).isEqualTo("DRM_DEVICE_CERTIFICATE_REVOKED");
		this.page.navigate(url("/admin/dashboard?hours=1&provider=" + this.provider));
		Locator refusal = this.page.getByTestId("chart-licenses-legend")
			.locator("[data-key='DRM_DEVICE_CERTIFICATE_REVOKED']");
		assertThat(refusal).hasAttribute("data-total", "1");
		assertThat(this.page.getByTestId("total-licenses-refused")).hasText("1");
		assertThat(this.page.getByTestId("total-revoked-devices")).hasText("1");
		screenshot("dashboard");
		this.page.setViewportSize(768, 1024);
		screenshot("dashboard-tablet");
		this.page.setViewportSize(1280, 800);

		// An export job, started from the console and followed to its end.
		this.page.navigate(url("/admin/jobs"));
		this.page.getByTestId("start-export").click();
		this.page.getByTestId("confirm-dialog").getByTestId("confirm-button").click();
		assertThat(this.page).hasURL(Pattern.compile("/admin/jobs/[0-9a-f-]{36}"));
		assertThat(this.page.getByTestId("job-status")).hasText("SUCCEEDED");
		assertThat(this.page.getByTestId("job-progress")).hasAttribute("data-percent", "100");
		screenshot("job");
		this.page.navigate(url("/admin/jobs?kind=BUNDLE_EXPORT"));
		assertThat(this.page.getByTestId("jobs-row").first()).containsText("BUNDLE_EXPORT");
		screenshot("jobs");

		this.page.navigate(url("/admin/providers"));
		assertThat(this.page.getByTestId("providers-table")).containsText(this.provider);
		screenshot("providers");

		// Signing out ends the session: a deep link then asks to sign in.
		this.page.getByTestId("sign-out").click();
		assertThat(this.page.getByTestId("sign-in-form")).isVisible();
		this.page.navigate(url("/admin/policies?provider=" + this.provider));
		assertThat(this.page.getByTestId("sign-in-form")).isVisible();
		assertThat(this.browserErrors).isEmpty();
	}

	@Test
	void auditorSessionShowsNoWriteAction() throws Exception {
		UUID providerId = this.providers.get(this.provider).id();
		this.contents.create(providerId, new ContentId("movie"), "Movie", List.of(KeyRequest.generate(TrackType.SD)));
		this.policies.create(providerId, new PolicyName("rental"),
				PlaybackPolicy.builder().canPlay(true).licenseDurationSeconds(3600).build(), Map.of());
		TestDevice device = manufacturer.newDevice().build();
		GeneratedId id = GeneratedId.random();
		assertThat(this.http.request("POST", "/device/v1/registrations")
			.json("{\"registration\": \"" + device.register(id, this.provider) + "\"}")
			.send()
			.statusCode()).isEqualTo(201);
		String auditor = "auditor-" + UUID.randomUUID().toString().substring(0, 6);
		HttpResponse<String> created = this.http.request("POST", "/api/v1/admin/users")
			.header("Authorization", basic("root", PASSWORD))
			.json("{\"username\": \"" + auditor
					+ "\", \"role\": \"AUDITOR\", \"initial_password\": \"one-time password\"}")
			.send();
		assertThat(created.statusCode()).as(created.body()).isIn(200, 201);

		// A one-time password is changed first, in the console.
		this.page.navigate(url("/admin/dashboard"));
		signIn(auditor, "one-time password");
		assertThat(this.page.getByTestId("change-password-form")).isVisible();
		this.page.getByTestId("field-current-password").fill("one-time password");
		this.page.getByTestId("field-new-password").fill("auditor's own password");
		this.page.getByTestId("field-repeat-password").fill("auditor's own password");
		this.page.getByTestId("change-password").click();
		assertThat(this.page.getByTestId("current-role")).hasText("AUDITOR");
		assertThat(this.page.getByTestId("page-title")).hasText("Dashboard");

		// Every page shows its data and no action that would be refused.
		this.page.navigate(url("/admin/policies?provider=" + this.provider));
		assertThat(this.page.getByTestId("policies-table")).containsText("rental");
		assertThat(this.page.getByTestId("new-policy")).hasCount(0);
		this.page.navigate(url("/admin/policies/rental?provider=" + this.provider));
		assertThat(this.page.getByTestId("policy-json")).containsText("\"license_duration_seconds\": 3600");
		assertThat(this.page.getByTestId("delete-policy")).hasCount(0);
		assertThat(this.page.getByTestId("save-policy")).hasCount(0);

		this.page.navigate(url("/admin/contents?provider=" + this.provider));
		assertThat(this.page.getByTestId("contents-table")).containsText("movie");
		assertThat(this.page.getByTestId("new-content")).hasCount(0);
		this.page.navigate(url("/admin/contents/movie?provider=" + this.provider));
		assertThat(this.page.getByTestId("content-keys")).containsText("SD");
		assertThat(this.page.getByTestId("rotate-keys")).hasCount(0);

		this.page.navigate(url("/admin/registrations/" + id + "?provider=" + this.provider));
		assertThat(this.page.getByTestId("registration-status")).hasText("ACTIVE");
		assertThat(this.page.getByTestId("revoke-device")).hasCount(0);
		assertThat(this.page.getByTestId("transfer-registration")).hasCount(0);

		this.page.navigate(url("/admin/jobs"));
		assertThat(this.page.getByTestId("page-title")).hasText("Jobs");
		assertThat(this.page.getByTestId("jobs-list")).isVisible();
		assertThat(this.page.getByTestId("start-export")).hasCount(0);

		this.page.navigate(url("/admin/providers"));
		assertThat(this.page.getByTestId("providers-table")).containsText(this.provider);
		assertThat(this.page.getByTestId("new-provider")).hasCount(0);
		this.page.navigate(url("/admin/providers/" + this.provider + "?provider=" + this.provider));
		assertThat(this.page.getByTestId("page-title")).hasText("Console Media");
		assertThat(this.page.getByTestId("new-credential")).hasCount(0);

		// No page or control in the whole console is a write for this role.
		assertThat(this.page.getByTestId("nav-users")).hasCount(0);
		screenshot("auditor-providers");
		assertThat(this.browserErrors).isEmpty();
	}

	private void signIn(String username, String password) {
		ConsoleBrowser.signIn(this.page, username, password);
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private void screenshot(String name) throws Exception {
		ConsoleBrowser.screenshot(this.page, name);
	}

	private static String basic(String username, String password) {
		return "Basic "
				+ Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
