package io.voucher.api.platform;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.voucher.api.testing.HttpTester;
import io.voucher.api.testing.TrustedManufacturer;
import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.testing.TestDevice;
import io.voucher.crypto.testing.TestPki;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator's day in the console, in a real browser on the real server, without typing
 * an ID that the platform made: create a provider, a policy and a content; find the
 * registration a device made; grant it an entitlement from its page, picking the content
 * from a list; follow the pre-generation job to its end and on to the record it worked
 * on; open the audit event of the grant, and export the trail as CSV.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "voucher.jobs.polling-interval=200ms", "voucher.admin.initial-username=root",
				"voucher.admin.initial-password=" + AdminConsoleOperatorsDayTests.PASSWORD })
@PostgresTest
class AdminConsoleOperatorsDayTests {

	static final String PASSWORD = "operator's day password";

	static final TestPki manufacturer = TestPki.create();

	static ConsoleBrowser chromium;

	@DynamicPropertySource
	static void platform(DynamicPropertyRegistry registry) {
		TrustedManufacturer.trust(registry, manufacturer);
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

	HttpTester http;

	Page page;

	final List<String> browserErrors = new ArrayList<>();

	@BeforeEach
	void page() {
		this.http = new HttpTester(this.port);
		this.page = chromium.newPage(this.browserErrors);
	}

	@AfterEach
	void closePage() {
		if (this.page != null) {
			this.page.close();
		}
	}

	@Test
	void anOperatorCreatesACatalogueGrantsARegisteredDeviceFollowsTheJobAndFindsTheGrantInTheAuditTrail()
			throws Exception {
		String provider = "day-" + UUID.randomUUID().toString().substring(0, 8);
		this.page.navigate(url("/admin/"));
		ConsoleBrowser.signIn(this.page, "root", PASSWORD);
		assertThat(this.page.getByTestId("page-title")).hasText("Dashboard");

		// A provider, created in the console and then chosen in the searchable picker.
		this.page.getByTestId("nav-providers").click();
		this.page.getByTestId("new-provider").click();
		this.page.getByTestId("field-name").fill(provider);
		this.page.getByTestId("field-display_name").fill("Daylight Pictures");
		this.page.getByTestId("save-provider").click();
		assertThat(this.page.getByTestId("done")).containsText(provider);
		Locator picker = this.page.getByTestId("provider-picker");
		picker.click();
		picker.fill("daylight");
		Locator choice = this.page.getByTestId("provider-picker-option");
		assertThat(choice).hasCount(1);
		assertThat(choice).containsText("Daylight Pictures");
		screenshot("provider-picker");
		choice.click();
		assertThat(this.page).hasURL(Pattern.compile("[?&]provider=" + provider));
		assertThat(picker).hasValue(provider);

		// A policy and a content, through the console's forms.
		this.page.getByTestId("nav-policies").click();
		this.page.getByTestId("new-policy").click();
		this.page.getByTestId("field-name").fill("rental");
		this.page.getByTestId("save-policy").click();
		assertThat(this.page.getByTestId("policy-saved")).isVisible();
		this.page.getByTestId("nav-contents").click();
		this.page.getByTestId("new-content").click();
		this.page.getByTestId("field-content_id").fill("movie");
		this.page.getByTestId("field-content-name").fill("The Long Day");
		this.page.getByTestId("save-content").click();
		assertThat(this.page.getByTestId("page-title")).hasText("The Long Day");

		// Meanwhile a device registers with the provider.
		// The test PKI's clock stands still from class loading: signed requests carry
		// now.
		manufacturer.clock().set(Instant.now());
		TestDevice device = manufacturer.newDevice().build();
		GeneratedId id = GeneratedId.random();
		HttpResponse<String> registered = this.http.request("POST", "/device/v1/registrations")
			.json("{\"registration\": \"" + device.register(id, provider) + "\"}")
			.send();
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);

		// The operator finds it in the list and grants it the content from its page.
		this.page.getByTestId("nav-registrations").click();
		assertThat(this.page.getByTestId("registrations-row")).hasCount(1);
		this.page.getByTestId("registrations-row").getByRole(AriaRole.LINK).first().click();
		assertThat(this.page.getByTestId("registration-fingerprint")).hasText(device.fingerprint().value());
		screenshot("registration");
		this.page.getByTestId("grant-to-registration").click();
		assertThat(this.page.getByTestId("field-generated_id")).hasValue(id.toString());
		Locator content = this.page.getByTestId("field-content_id");
		content.click();
		Locator contentOption = this.page.getByTestId("field-content_id-option");
		assertThat(contentOption).hasCount(1);
		assertThat(contentOption).containsText("The Long Day");
		screenshot("entitlement-content-picker");
		contentOption.click();
		assertThat(content).hasValue("movie");
		this.page.getByTestId("field-policy_name").selectOption("rental");
		this.page.getByTestId("grant-entitlement").click();
		assertThat(this.page.getByTestId("entitlement-granted")).isVisible();
		assertThat(this.page.getByTestId("entitlement-state")).hasText("ACTIVE");

		// The job: followed until done, then on to the registration it worked on.
		this.page.getByTestId("entitlement-job").click();
		assertThat(this.page.getByTestId("job-status")).hasText("SUCCEEDED");
		assertThat(this.page.getByTestId("job-progress")).hasAttribute("data-percent", "100");
		Locator scope = this.page.getByTestId("job-scope-link");
		assertThat(scope).containsText(id.toString());
		screenshot("job");
		// The jobs list follows the chosen provider: this provider's jobs, all on this
		// device.
		this.page.getByTestId("nav-jobs").click();
		assertThat(this.page.getByTestId("jobs-row").first()).containsText("SUCCEEDED");
		assertThat(this.page.getByTestId("jobs-row").getByTestId("job-scope-link").first()).hasAttribute("href",
				Pattern.compile("/admin/registrations/" + id + "\\?provider=" + provider));
		this.page.getByTestId("jobs-row").first().getByTestId("job-scope-link").click();
		assertThat(this.page.getByTestId("registration-fingerprint")).hasText(device.fingerprint().value());

		// The audit event of the grant: found by its action, opened, with its provider.
		this.page.getByTestId("nav-audit").click();
		this.page.getByTestId("filter-action").fill("POST /api/v1/entitlements");
		this.page.getByTestId("audit-search").click();
		Locator grant = this.page.getByTestId("audit-row").first();
		assertThat(grant).containsText("POST /api/v1/entitlements");
		Download download = this.page.waitForDownload(() -> this.page.getByTestId("audit-csv").click());
		String csv = Files.readString(download.path(), StandardCharsets.UTF_8);
		assertThat(csv).startsWith("id,occurred_at,actor_type,actor,provider,action,target,outcome,detail,hash\r\n");
		assertThat(csv).contains(",root," + provider + ",POST /api/v1/entitlements,/api/v1/entitlements,SUCCESS,");
		assertThat(download.suggestedFilename()).matches("audit-\\d{4}-\\d{2}-\\d{2}T\\d{4}Z\\.csv");
		grant.getByTestId("audit-event-link").click();
		assertThat(this.page.getByTestId("page-title")).hasText(Pattern.compile("Audit event #\\d+"));
		assertThat(this.page.getByTestId("audit-event-action")).hasText("POST /api/v1/entitlements");
		assertThat(this.page.getByTestId("audit-event-outcome")).hasText("SUCCESS");
		assertThat(this.page.getByTestId("audit-event-actor")).hasText("root");
		assertThat(this.page.getByTestId("audit-event-provider")).hasText(provider);
		assertThat(this.page.getByTestId("audit-event-target")).hasText("/api/v1/entitlements");
		screenshot("audit-event");
		this.page.setViewportSize(390, 844);
		screenshot("audit-event-390");
		this.page.setViewportSize(1280, 800);
		this.page.getByTestId("audit-event-target").getByTestId("audit-target-link").click();
		assertThat(this.page.getByTestId("entitlements-row")).hasCount(1);
		assertThat(this.page.getByTestId("entitlements-row")).containsText("movie");
		assertThat(this.browserErrors).isEmpty();
	}

	@Test
	void anAdminRenamesAndDisablesAProviderAndChangesResetsDisablesAndEnablesAUser() throws Exception {
		String provider = "mgmt-" + UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> created = this.http.request("POST", "/api/v1/admin/providers")
			.basic("root", PASSWORD)
			.json("{\"name\": \"" + provider + "\", \"display_name\": \"Old Name\"}")
			.send();
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String token = HttpTester
			.json(this.http.request("POST", "/api/v1/admin/providers/" + provider + "/credentials")
				.basic("root", PASSWORD)
				.json("{\"label\": \"backend\"}")
				.send())
			.path("token")
			.asString();
		String operator = "op-" + UUID.randomUUID().toString().substring(0, 6);
		HttpResponse<String> user = this.http.request("POST", "/api/v1/admin/users")
			.basic("root", PASSWORD)
			.json("{\"username\": \"" + operator
					+ "\", \"role\": \"OPERATOR\", \"initial_password\": \"first one-time password\"}")
			.send();
		assertThat(user.statusCode()).as(user.body()).isIn(200, 201);
		this.page.navigate(url("/admin/"));
		ConsoleBrowser.signIn(this.page, "root", PASSWORD);
		assertThat(this.page.getByTestId("page-title")).hasText("Dashboard");

		// The provider: a new display name, then disabled after a dialog that says what
		// stops.
		this.page.getByTestId("nav-providers").click();
		this.page.getByTestId("filter-q").fill(provider);
		this.page.getByTestId("providers-search").click();
		assertThat(this.page.getByTestId("providers-row")).hasCount(1);
		this.page.getByTestId("providers-row").getByRole(AriaRole.LINK).first().click();
		this.page.getByTestId("edit-provider").click();
		this.page.getByTestId("edit-provider-form").getByTestId("field-display_name").fill("New Name");
		this.page.getByTestId("save-provider-edit").click();
		assertThat(this.page.getByTestId("page-title")).hasText("New Name");
		this.page.getByTestId("disable-provider").click();
		Locator dialog = this.page.getByTestId("confirm-dialog");
		assertThat(dialog.getByTestId("provider-disable-effects"))
			.containsText("API credentials (1 active) are refused");
		assertThat(dialog.getByTestId("provider-disable-effects")).containsText("no new licenses, registrations");
		screenshot("provider-disable");
		dialog.getByTestId("confirm-button").click();
		assertThat(this.page.getByTestId("provider-state")).hasText("DISABLED");
		HttpResponse<String> refused = this.http.request("GET", "/api/v1/policies").bearer(token).send();
		assertThat(refused.statusCode()).isEqualTo(403);
		this.page.getByTestId("enable-provider").click();
		this.page.getByTestId("confirm-dialog").getByTestId("confirm-button").click();
		assertThat(this.page.getByTestId("provider-state")).hasText("ACTIVE");
		assertThat(this.http.request("GET", "/api/v1/policies").bearer(token).send().statusCode()).isEqualTo(200);

		// The user: another role, a reset password shown once, disabled and enabled
		// again.
		this.page.getByTestId("nav-users").click();
		Locator row = this.page.getByTestId("users-row").filter(new Locator.FilterOptions().setHasText(operator));
		row.getByTestId("change-role").click();
		this.page.getByTestId("confirm-dialog").getByTestId("field-new-role").selectOption("AUDITOR");
		this.page.getByTestId("confirm-dialog").getByTestId("confirm-button").click();
		assertThat(row).containsText("AUDITOR");
		row.getByTestId("reset-password").click();
		this.page.getByTestId("confirm-dialog").getByTestId("confirm-button").click();
		String oneTime = this.page.getByTestId("secret-value").inputValue();
		assertThat(oneTime).hasSize(20);
		assertThat(this.http.request("GET", "/api/v1/admin/me").basic(operator, oneTime).send().statusCode())
			.isEqualTo(200);
		this.page.getByTestId("secret-dismiss").click();
		assertThat(this.page.getByTestId("secret-once")).hasCount(0);
		screenshot("users");
		row.getByTestId("disable-user").click();
		this.page.getByTestId("confirm-dialog").getByTestId("confirm-button").click();
		assertThat(row).containsText("DISABLED");
		assertThat(this.http.request("GET", "/api/v1/admin/me").basic(operator, oneTime).send().statusCode())
			.isNotEqualTo(200);
		row.getByTestId("enable-user").click();
		this.page.getByTestId("confirm-dialog").getByTestId("confirm-button").click();
		assertThat(row).containsText("ACTIVE");
		assertThat(this.http.request("GET", "/api/v1/admin/me").basic(operator, oneTime).send().statusCode())
			.isEqualTo(200);
		assertThat(this.browserErrors).isEmpty();
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

	private void screenshot(String name) throws Exception {
		ConsoleBrowser.screenshot(this.page, "operators-day-" + name);
	}

}
