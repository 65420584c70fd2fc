package io.voucher.api.platform;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.voucher.api.testing.HttpTester;
import io.voucher.api.testing.TrustedManufacturer;
import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.challenge.GroupRequest;
import io.voucher.crypto.pki.CertificatePem;
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

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's management pages end to end, in a real browser on the real server and
 * PostgreSQL: entitlements, device groups, trust roots, the revocation list, the audit
 * trail, users and provider settings, as an ADMIN and as an AUDITOR. Devices act through
 * the device API; everything an operator does goes through the console. Each page leaves
 * a screenshot in {@code admin-ui/target/screenshots/}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "voucher.jobs.polling-interval=200ms", "voucher.admin.initial-username=root",
				"voucher.admin.initial-password=" + AdminConsoleManagementEndToEndTests.PASSWORD })
@PostgresTest
class AdminConsoleManagementEndToEndTests {

	static final String PASSWORD = "console admin password";

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
	void providerCatalogueAndPage() {
		this.http = new HttpTester(this.port);
		this.provider = "manage-" + UUID.randomUUID().toString().substring(0, 8);
		UUID providerId = this.providers.create(this.provider, "Managed Media").id();
		this.token = this.providers.createCredential(this.provider, "backend").token();
		this.contents.create(providerId, new ContentId("movie"), "Movie", List.of(KeyRequest.generate(TrackType.SD)));
		this.policies.create(providerId, new PolicyName("rental"),
				PlaybackPolicy.builder().canPlay(true).canPersist(true).licenseDurationSeconds(3600).build(), Map.of());
		this.page = chromium.newPage(this.browserErrors);
	}

	@AfterEach
	void closePage() {
		if (this.page != null) {
			this.page.close();
		}
	}

	@Test
	void adminGrantsEntitlementsManagesGroupsRootsRevocationsUsersAndSettings() throws Exception {
		TestDevice device = manufacturer.newDevice().build();
		GeneratedId id = GeneratedId.random();
		HttpResponse<String> registered = this.http.request("POST", "/device/v1/registrations")
			.json("{\"registration\": \"" + device.register(id, this.provider) + "\"}")
			.send();
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		this.page.navigate(url("/admin/dashboard"));
		signIn("root", PASSWORD);
		assertThat(this.page.getByTestId("page-title")).hasText("Dashboard");

		// Grant from the registration's link: the device is filled in; a bad override is
		// told
		// off inline, then the grant starts the license's pre-generation job.
		this.page.navigate(url("/admin/entitlements?provider=" + this.provider + "&generated_id=" + id));
		assertThat(this.page.getByTestId("empty")).isVisible();
		this.page.getByTestId("new-entitlement").click();
		assertThat(this.page.getByTestId("field-generated_id")).hasValue(id.toString());
		this.page.getByTestId("field-content_id").fill("movie");
		this.page.getByTestId("field-policy_name").selectOption("rental");
		Locator duration = this.page.getByTestId("field-policy_overrides.license_duration_seconds");
		duration.fill("-1");
		this.page.getByTestId("grant-entitlement").click();
		assertThat(this.page.getByTestId("error-policy_overrides.license_duration_seconds"))
			.hasText("must not be negative");
		assertThat(this.page).hasURL(Pattern.compile("/admin/entitlements/new"));
		this.page.getByTestId("unit-policy_overrides.license_duration_seconds").selectOption("h");
		duration.fill("2");
		assertThat(this.page.getByTestId("error-policy_overrides.license_duration_seconds")).hasCount(0);
		this.page.getByTestId("grant-entitlement").click();
		assertThat(this.page.getByTestId("entitlement-granted")).isVisible();
		assertThat(this.page.getByTestId("entitlement-overrides")).containsText("License duration: 2 h");
		assertThat(this.page.getByTestId("entitlement-state")).hasText("ACTIVE");
		screenshot("entitlement");
		this.page.getByTestId("entitlement-job").click();
		assertThat(this.page.getByTestId("job-status")).hasText("SUCCEEDED");

		this.page.navigate(url("/admin/entitlements?provider=" + this.provider + "&generated_id=" + id));
		Locator row = this.page.getByTestId("entitlements-row");
		assertThat(row).hasCount(1);
		assertThat(row).containsText("movie");
		assertThat(row).containsText("rental");
		screenshot("entitlements");
		this.page.setViewportSize(768, 1024);
		screenshot("entitlements-tablet");
		this.page.setViewportSize(1280, 800);

		// Withdrawing asks first; the withdrawn entitlement then shows only on request.
		row.getByTestId("withdraw-entitlement").click();
		this.page.getByTestId("confirm-dialog").getByTestId("confirm-button").click();
		assertThat(this.page.getByTestId("entitlements-row")).hasCount(0);
		this.page.getByTestId("filter-include_withdrawn").selectOption("true");
		assertThat(this.page).hasURL(Pattern.compile("[?&]include_withdrawn=true"));
		assertThat(this.page.getByTestId("entitlements-row")).containsText("WITHDRAWN");

		// A device group: created in the console, joined by a device with a token shown
		// once,
		// then the member is removed and the group key rolls.
		this.page.navigate(url("/admin/groups?provider=" + this.provider));
		this.page.getByTestId("new-group").click();
		this.page.getByTestId("field-group-name").fill("Smith family");
		this.page.getByTestId("field-max_members").fill("3");
		this.page.getByTestId("save-group").click();
		assertThat(this.page.getByTestId("page-title")).hasText("Smith family");
		assertThat(this.page.getByTestId("group-members-count")).hasText("0 of at most 3");
		String group = this.page.url().replaceAll(".*/groups/([^?]+).*", "$1");
		this.page.getByTestId("new-join-token").click();
		this.page.getByTestId("confirm-dialog").getByTestId("confirm-button").click();
		String joinToken = this.page.getByTestId("secret-value").inputValue();
		assertThat(joinToken).isNotBlank();
		this.page.getByTestId("secret-dismiss").click();
		assertThat(this.page.getByTestId("secret-once")).hasCount(0);
		TestDevice member = manufacturer.newDevice().build();
		HttpResponse<String> joined = this.http.request("POST", "/device/v1/device-groups/" + group + "/members")
			.header("Authorization", "Device " + member.groupRequest(GroupRequest.Action.JOIN, group, joinToken))
			.send();
		assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
		this.page.reload();
		assertThat(this.page.getByTestId("members-row")).hasCount(1);
		String generation = this.page.getByTestId("group-generation").textContent();
		screenshot("group");
		this.page.getByTestId("remove-member").click();
		this.page.getByTestId("confirm-dialog").getByTestId("confirm-button").click();
		assertThat(this.page.getByTestId("members-row")).hasCount(0);
		assertThat(this.page.getByTestId("group-generation")).not().hasText(generation);
		this.page.navigate(url("/admin/groups?provider=" + this.provider));
		assertThat(this.page.getByTestId("groups-row")).containsText("Smith family");
		screenshot("groups");

		// A manufacturer root, added as PEM and removed after a confirmation.
		TestPki otherManufacturer = TestPki.create();
		this.page.navigate(url("/admin/trust-roots"));
		this.page.getByTestId("new-trust-root").click();
		this.page.getByTestId("field-trust-root-label").fill("Other devices");
		this.page.getByTestId("field-certificate_pem")
			.fill(CertificatePem.encode(List.of(otherManufacturer.deviceCa().root())));
		this.page.getByTestId("save-trust-root").click();
		Locator root = this.page.getByTestId("trust-roots-row")
			.filter(new Locator.FilterOptions().setHasText("Other devices"));
		assertThat(root).hasCount(1);
		screenshot("trust-roots");
		root.getByTestId("remove-trust-root").click();
		this.page.getByTestId("confirm-dialog").getByTestId("confirm-button").click();
		assertThat(this.page.getByTestId("trust-roots-row")
			.filter(new Locator.FilterOptions().setHasText("Other devices"))).hasCount(0);

		// Revoking a certificate by its fingerprint puts it on the signed list.
		this.page.navigate(url("/admin/revocations"));
		assertThat(this.page.getByTestId("revocation-list-facts")).isVisible();
		this.page.getByTestId("revoke-fingerprint").click();
		Locator dialog = this.page.getByTestId("confirm-dialog");
		dialog.getByTestId("field-fingerprint").fill(device.fingerprint().value());
		assertThat(dialog.getByTestId("confirm-button")).isDisabled();
		dialog.getByTestId("field-revoke-reason").fill("certificate cloned");
		dialog.getByTestId("confirm-button").click();
		assertThat(this.page.getByTestId("done")).isVisible();
		this.page.getByTestId("filter-q").fill(device.fingerprint().value().substring(0, 12));
		this.page.getByTestId("revocations-search").click();
		assertThat(this.page.getByTestId("revoked-fingerprint")).hasText(device.fingerprint().value());
		assertThat(this.page.getByTestId("revocations-row")).containsText("certificate cloned");
		assertThat(this.page.getByTestId("revocations-row")).containsText("root");
		screenshot("revocations");

		// The audit trail: filtered by action prefix, and its chain verified.
		this.page.navigate(url("/admin/audit"));
		this.page.getByTestId("filter-action").fill("POST /api/v1/entitlements");
		this.page.getByTestId("audit-search").click();
		assertThat(this.page).hasURL(Pattern.compile("[?&]action=POST"));
		assertThat(this.page.getByTestId("audit-row").first()).containsText("POST /api/v1/entitlements");
		this.page.getByTestId("verify-chain").click();
		assertThat(this.page.getByTestId("chain-verification")).hasAttribute("data-intact", "true");
		assertThat(this.page.getByTestId("chain-status")).hasText("OK");
		screenshot("audit");

		// A user with a generated one-time password, shown once; then disabled.
		String operator = "operator-" + UUID.randomUUID().toString().substring(0, 6);
		this.page.navigate(url("/admin/users"));
		this.page.getByTestId("new-user").click();
		this.page.getByTestId("field-username").fill(operator);
		this.page.getByTestId("field-role").selectOption("OPERATOR");
		this.page.getByTestId("generate-password").click();
		this.page.getByTestId("save-user").click();
		String oneTimePassword = this.page.getByTestId("secret-value").inputValue();
		assertThat(oneTimePassword).hasSize(20);
		Locator user = this.page.getByTestId("users-row").filter(new Locator.FilterOptions().setHasText(operator));
		assertThat(user).containsText("OPERATOR");
		assertThat(user).containsText("ACTIVE");
		this.page.getByTestId("secret-dismiss").click();
		assertThat(this.page.getByTestId("secret-once")).hasCount(0);
		screenshot("users");
		user.getByTestId("disable-user").click();
		this.page.getByTestId("confirm-dialog").getByTestId("confirm-button").click();
		assertThat(user).containsText("DISABLED");

		// Provider settings: an HS256 key whose secret shows once, and the CORS origins.
		this.page.navigate(url("/admin/settings?provider=" + this.provider));
		this.page.getByTestId("new-token-key").click();
		this.page.getByTestId("field-kid").fill("backend-2027");
		this.page.getByTestId("save-token-key").click();
		assertThat(this.page.getByTestId("secret-value")).not().hasValue("");
		this.page.getByTestId("secret-dismiss").click();
		assertThat(this.page.getByTestId("token-keys-row")).containsText("backend-2027");
		assertThat(this.page.getByTestId("token-keys-row")).containsText("HS256");
		this.page.getByTestId("edit-cors").click();
		Locator origins = this.page.getByTestId("field-origins");
		origins.fill("https://Player.Example.com\nhttps://example.com/path");
		this.page.getByTestId("save-cors").click();
		assertThat(this.page.getByTestId("error-origins")).containsText("Line 2");
		origins.fill("https://Player.Example.com:443\nhttp://localhost:3000");
		this.page.getByTestId("save-cors").click();
		assertThat(this.page.getByTestId("cors-origins")).containsText("https://player.example.com");
		assertThat(this.page.getByTestId("cors-origins")).containsText("http://localhost:3000");
		screenshot("provider-settings");
		assertThat(this.browserErrors).isEmpty();
	}

	@Test
	void auditorSeesTheNewPagesWithoutWriteActions() throws Exception {
		GeneratedId id = GeneratedId.random();
		HttpResponse<String> granted = this.http.request("POST", "/api/v1/entitlements")
			.bearer(this.token)
			.json("{\"generated_id\": \"" + id + "\", \"content_id\": \"movie\", \"policy_name\": \"rental\"}")
			.send();
		assertThat(granted.statusCode()).as(granted.body()).isIn(200, 201);
		String entitlement = HttpTester.json(granted).path("id").asString();
		HttpResponse<String> created = this.http.request("POST", "/api/v1/device-groups")
			.bearer(this.token)
			.json("{\"name\": \"Jones family\", \"max_members\": 2}")
			.send();
		assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
		String group = HttpTester.json(created).path("group_id").asString();
		String auditor = "auditor-" + UUID.randomUUID().toString().substring(0, 6);
		HttpResponse<String> user = this.http.request("POST", "/api/v1/admin/users")
			.basic("root", PASSWORD)
			.json("{\"username\": \"" + auditor
					+ "\", \"role\": \"AUDITOR\", \"initial_password\": \"one-time password\"}")
			.send();
		assertThat(user.statusCode()).as(user.body()).isIn(200, 201);

		this.page.navigate(url("/admin/dashboard"));
		signIn(auditor, "one-time password");
		this.page.getByTestId("field-current-password").fill("one-time password");
		this.page.getByTestId("field-new-password").fill("auditor's own password");
		this.page.getByTestId("field-repeat-password").fill("auditor's own password");
		this.page.getByTestId("change-password").click();
		assertThat(this.page.getByTestId("current-role")).hasText("AUDITOR");

		this.page.navigate(url("/admin/entitlements?provider=" + this.provider));
		assertThat(this.page.getByTestId("entitlements-row")).containsText("movie");
		assertThat(this.page.getByTestId("new-entitlement")).hasCount(0);
		assertThat(this.page.getByTestId("withdraw-entitlement")).hasCount(0);
		this.page.navigate(url("/admin/entitlements/" + entitlement + "?provider=" + this.provider));
		assertThat(this.page.getByTestId("entitlement-state")).hasText("ACTIVE");
		assertThat(this.page.getByTestId("withdraw-entitlement")).hasCount(0);

		this.page.navigate(url("/admin/groups?provider=" + this.provider));
		assertThat(this.page.getByTestId("groups-row")).containsText("Jones family");
		assertThat(this.page.getByTestId("new-group")).hasCount(0);
		this.page.navigate(url("/admin/groups/" + group + "?provider=" + this.provider));
		assertThat(this.page.getByTestId("page-title")).hasText("Jones family");
		assertThat(this.page.getByTestId("new-join-token")).hasCount(0);
		assertThat(this.page.getByTestId("delete-group")).hasCount(0);
		screenshot("auditor-group");

		this.page.navigate(url("/admin/trust-roots"));
		assertThat(this.page.getByTestId("trust-roots-list")).isVisible();
		assertThat(this.page.getByTestId("new-trust-root")).hasCount(0);
		assertThat(this.page.getByTestId("remove-trust-root")).hasCount(0);

		this.page.navigate(url("/admin/revocations"));
		assertThat(this.page.getByTestId("revocation-list-facts")).isVisible();
		assertThat(this.page.getByTestId("revoke-fingerprint")).hasCount(0);

		// Reading the trail and verifying its chain is an auditor's work.
		this.page.navigate(url("/admin/audit"));
		assertThat(this.page.getByTestId("audit-row").first()).isVisible();
		this.page.getByTestId("verify-chain").click();
		assertThat(this.page.getByTestId("chain-status")).hasText("OK");
		screenshot("auditor-audit");

		this.page.navigate(url("/admin/settings?provider=" + this.provider));
		assertThat(this.page.getByTestId("cors-origins")).isVisible();
		assertThat(this.page.getByTestId("token-keys-list")).isVisible();
		assertThat(this.page.getByTestId("new-token-key")).hasCount(0);
		assertThat(this.page.getByTestId("edit-cors")).hasCount(0);

		// Users are ADMIN only: neither in the navigation nor routed.
		assertThat(this.page.getByTestId("nav-users")).hasCount(0);
		this.page.navigate(url("/admin/users"));
		assertThat(this.page.getByTestId("not-found")).isVisible();
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

}
