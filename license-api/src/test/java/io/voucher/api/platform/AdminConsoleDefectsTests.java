package io.voucher.api.platform;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Route;
import io.voucher.api.testing.HttpTester;
import io.voucher.api.testing.TrustedManufacturer;
import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.challenge.GroupRequest;
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
 * The console's defects of issue 22, each shown fixed in a real browser on the real
 * server: what an operator met, asserted so that the old behaviour fails. Also the small
 * comforts (page titles, focus after a submit, a warning before leaving a form, durations
 * in units, readable dates, newest revocations first, lists that stack on a phone).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "voucher.jobs.polling-interval=200ms", "voucher.admin.initial-username=root",
				"voucher.admin.initial-password=" + AdminConsoleDefectsTests.PASSWORD })
@PostgresTest
class AdminConsoleDefectsTests {

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
		this.provider = "polish-" + UUID.randomUUID().toString().substring(0, 8);
		UUID providerId = this.providers.create(this.provider, "Polished Media").id();
		this.token = this.providers.createCredential(this.provider, "backend").token();
		this.contents.create(providerId, new ContentId("movie"), "Movie", List.of(KeyRequest.generate(TrackType.SD)));
		this.policies.create(providerId, new PolicyName("rental"),
				PlaybackPolicy.builder().canPlay(true).licenseDurationSeconds(3600).build(), Map.of());
		this.page = chromium.newPage(this.browserErrors);
	}

	@AfterEach
	void closePage() {
		if (this.page != null) {
			this.page.close();
		}
	}

	/**
	 * Defects 1 and 3: the dashboard never scrolls sideways; its chart text is legible at
	 * both widths; an issued and a refused license are drawn in two colours, each with
	 * its own hatching and its own legend label.
	 */
	@Test
	void dashboardFitsTheViewportAndItsChartTextIsLegible() throws Exception {
		// A registration, so that a chart and its table for screen readers have data.
		manufacturer.clock().set(Instant.now());
		HttpResponse<String> registered = this.http.request("POST", "/device/v1/registrations")
			.json("{\"registration\": \""
					+ manufacturer.newDevice().build().register(GeneratedId.random(), this.provider) + "\"}")
			.send();
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		// Two outcomes of license requests: one issued, one refused.
		TestDevice device = manufacturer.newDevice().build();
		String issued = licenseStatus(device.challenge().contentId("movie").issuedAt(Instant.now()).build(), "rental");
		assertThat(issued).isEqualTo("OK");
		String refused = licenseStatus(device.challenge().contentId("movie").issuedAt(Instant.now()).build(),
				"no-such-policy");
		assertThat(refused).isNotEqualTo("OK").isNotBlank();
		this.page.navigate(url("/admin/dashboard"));
		signIn("root", PASSWORD);
		assertThat(this.page.getByTestId("page-title")).hasText("Dashboard");
		for (int width : new int[] { 1280, 390 }) {
			this.page.setViewportSize(width, 800);
			this.page.navigate(url("/admin/dashboard?provider=" + this.provider));
			assertThat(this.page.getByTestId("chart-registrations-legend")).containsText("Registrations");
			assertNoHorizontalOverflow("dashboard at " + width);

			// Each outcome its own colour (as computed on the drawn bars), hatching and
			// label.
			Locator outcomes = this.page.getByTestId("chart-licenses-legend").locator("li[data-key]");
			assertThat(outcomes).hasCount(2);
			assertThat(outcomes.and(this.page.locator("[data-key='OK']"))).hasAttribute("data-total", "1");
			assertThat(outcomes.and(this.page.locator("[data-key='" + refused + "']"))).hasAttribute("data-total", "1");
			@SuppressWarnings("unchecked")
			List<Map<String, String>> looks = (List<Map<String, String>>) this.page.evaluate("""
					(keys) => keys.map((key) => {
					  const chart = document.querySelector('[data-testid="chart-licenses"]');
					  const bar = chart.querySelector(`rect.chart__bar[data-key="${CSS.escape(key)}"]`);
					  const item = chart.querySelector(`li[data-key="${CSS.escape(key)}"]`);
					  return { fill: bar ? getComputedStyle(bar).fill : '',
					    pattern: item.querySelector('[data-pattern]').getAttribute('data-pattern'),
					    label: item.innerText.split(':')[0].trim() };
					})""", List.of("OK", refused));
			assertThat(looks).as("outcomes at %d px", width).allSatisfy((look) -> {
				assertThat(look.get("fill")).isNotBlank();
				assertThat(look.get("label")).isNotBlank();
			});
			assertThat(looks.get(0).get("fill")).as("colours").isNotEqualTo(looks.get(1).get("fill"));
			assertThat(looks.get(0).get("pattern")).as("hatchings").isNotEqualTo(looks.get(1).get("pattern"));
			assertThat(looks.get(0).get("label")).as("legend labels").isNotEqualTo(looks.get(1).get("label"));

			// Axis text is at least 11 px as rendered, whatever the drawing's scale.
			@SuppressWarnings("unchecked")
			List<Number> sizes = (List<Number>) this.page.evaluate("""
					() => [...document.querySelectorAll('[data-testid^="chart-"] svg text')].map((t) =>
					  parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)""");
			assertThat(sizes).as("axis text sizes at %d px", width).isNotEmpty();
			assertThat(sizes).allSatisfy((size) -> assertThat(size.doubleValue()).isGreaterThanOrEqualTo(11));
			ConsoleBrowser.screenshot(this.page, "dashboard-charts-" + width);
		}
		assertThat(this.browserErrors).isEmpty();
	}

	/** Defect 2: an AUDITOR's deep link to a form shows a read-only notice, no form. */
	@Test
	void auditorDeepLinksToFormsShowAReadOnlyNotice() throws Exception {
		signInAsNewAuditor();
		Map<String, String> forms = new LinkedHashMap<>();
		forms.put("/admin/policies/new", "policy-form");
		forms.put("/admin/contents/new", "content-form");
		forms.put("/admin/entitlements/new", "entitlement-form");
		for (Map.Entry<String, String> form : forms.entrySet()) {
			this.page.navigate(url(form.getKey() + "?provider=" + this.provider));
			assertThat(this.page.getByTestId("read-only")).isVisible();
			assertThat(this.page.getByTestId("page-title")).isVisible();
			assertThat(this.page.getByTestId(form.getValue())).hasCount(0);
			assertThat(this.page.locator("form")).hasCount(0);
		}
		ConsoleBrowser.screenshot(this.page, "auditor-read-only");
		assertThat(this.browserErrors).isEmpty();
	}

	/**
	 * Defect 4: nothing offers to delete what does not exist, or to create for who does
	 * not.
	 */
	@Test
	void missingPolicyOffersNoDeleteAndUnknownProviderOffersNoNew() throws Exception {
		this.page.navigate(url("/admin/policies/no-such-policy?provider=" + this.provider));
		signIn("root", PASSWORD);
		assertThat(this.page.getByTestId("error")).isVisible();
		assertThat(this.page.getByTestId("delete-policy")).hasCount(0);
		// The same page for a policy that exists does offer it.
		this.page.navigate(url("/admin/policies/rental?provider=" + this.provider));
		assertThat(this.page.getByTestId("delete-policy")).isVisible();

		for (String list : new String[] { "policies", "contents", "entitlements", "groups" }) {
			this.page.navigate(url("/admin/" + list + "?provider=no-such-provider"));
			assertThat(this.page.getByTestId("provider-unknown")).isVisible();
			assertThat(this.page.getByTestId("page-title")).isVisible();
			assertThat(this.page.locator("[data-testid^='new-']")).hasCount(0);
		}
		ConsoleBrowser.screenshot(this.page, "unknown-provider");
	}

	/** Defect 5: "Policy saved" once, not again on reload or Back. */
	@Test
	void savedNoticeIsNotShownAgainOnReloadOrBack() throws Exception {
		this.page.navigate(url("/admin/policies/new?provider=" + this.provider));
		signIn("root", PASSWORD);
		this.page.getByTestId("field-name").fill("weekend");
		this.page.getByTestId("unit-license_duration_seconds").selectOption("h");
		this.page.getByTestId("field-license_duration_seconds").fill("2.5");
		assertThat(this.page.getByTestId("field-license_duration_seconds").locator("xpath=../.."))
			.containsText("2 h 30 min");
		this.page.getByTestId("save-policy").click();
		assertThat(this.page.getByTestId("policy-saved")).isVisible();
		assertThat(this.page.getByTestId("policy-json")).containsText("\"license_duration_seconds\": 9000");
		assertThat(this.page).hasURL(Pattern.compile("/admin/policies/weekend"));
		assertThat(this.page.url()).doesNotContain("saved");
		// The focus went to the result.
		assertThat(this.page.getByTestId("done")).isFocused();

		this.page.reload();
		assertThat(this.page.getByTestId("policy-json")).isVisible();
		assertThat(this.page.getByTestId("policy-saved")).hasCount(0);

		this.page.getByTestId("nav-jobs").click();
		assertThat(this.page.getByTestId("page-title")).hasText("Jobs");
		this.page.goBack();
		assertThat(this.page.getByTestId("policy-json")).isVisible();
		assertThat(this.page.getByTestId("policy-saved")).hasCount(0);
		assertThat(this.browserErrors).isEmpty();
	}

	/** Defect 6: no choice of the withdrawn filter says "Any" and still hides them. */
	@Test
	void withdrawnFilterSaysWhatItShows() throws Exception {
		HttpResponse<String> granted = this.http.request("POST", "/api/v1/entitlements")
			.bearer(this.token)
			.json("{\"generated_id\": \"" + GeneratedId.random() + "\", \"content_id\": \"movie\", "
					+ "\"policy_name\": \"rental\", \"license_type\": \"OFFLINE\"}")
			.send();
		assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
		String id = HttpTester.json(granted).get("id").asString();
		assertThat(this.http.request("DELETE", "/api/v1/entitlements/" + id).bearer(this.token).send().statusCode())
			.isIn(200, 204);

		this.page.navigate(url("/admin/entitlements?provider=" + this.provider));
		signIn("root", PASSWORD);
		Locator filter = this.page.getByTestId("filter-include_withdrawn");
		assertThat(filter).isVisible();
		List<String> labels = filter.locator("option").allTextContents();
		List<String> values = new ArrayList<>();
		for (int i = 0; i < labels.size(); i++) {
			values.add(filter.locator("option").nth(i).getAttribute("value"));
		}
		for (int i = 0; i < values.size(); i++) {
			filter.selectOption(values.get(i));
			Locator rows = this.page.getByTestId("entitlements-row");
			if (values.get(i).isEmpty()) {
				assertThat(this.page.getByTestId("empty")).isVisible();
				assertThat(labels.get(i)).as("the choice that hides withdrawn ones").isEqualTo("Hidden");
			}
			else {
				assertThat(rows).hasCount(1);
				assertThat(rows.first()).containsText("WITHDRAWN");
				assertThat(labels.get(i)).isEqualTo("Shown");
			}
		}
		assertThat(this.browserErrors).isEmpty();
	}

	/**
	 * Defect 7: a heading while a page waits for a provider; choosing a provider while a
	 * page loads stays on that page; no raw Markdown in help texts; no database address
	 * on the public status page.
	 */
	@Test
	void providerChoiceHeadingsPickerDuringLoadHelpTextsAndStatusPage() throws Exception {
		// The public status page and its API name no host, port or URL of the database.
		HttpResponse<String> platform = this.http.get("/api/v1/platform");
		assertThat(platform.body()).doesNotContainIgnoringCase("jdbc")
			.doesNotContain("localhost")
			.doesNotContain("127.0.0.1")
			.doesNotContain("\"url\"")
			.doesNotContain("\"host\"");
		this.page.navigate(url("/admin/status"));
		assertThat(this.page.getByTestId("health-status")).isVisible();
		String status = this.page.locator("body").innerText();
		assertThat(status).doesNotContainIgnoringCase("jdbc").doesNotContain("localhost").doesNotContain("127.0.0.1");

		this.page.navigate(url("/admin/dashboard"));
		signIn("root", PASSWORD);
		assertThat(this.page.getByTestId("page-title")).hasText("Dashboard");
		for (String[] page : new String[][] { { "policies", "Policies" }, { "contents", "Content and keys" },
				{ "entitlements", "Entitlements" }, { "registrations", "Registrations" }, { "groups", "Device groups" },
				{ "settings", "Provider settings" } }) {
			this.page.navigate(url("/admin/" + page[0]));
			assertThat(this.page.getByTestId("provider-required")).isVisible();
			assertThat(this.page.getByRole(com.microsoft.playwright.options.AriaRole.HEADING,
					new Page.GetByRoleOptions().setLevel(1)))
				.hasText(page[1]);
			assertThat(this.page).hasTitle(Pattern.compile("^" + page[1] + " · "));
		}

		// Hold the policies page's code while the operator picks a provider.
		this.page.navigate(url("/admin/dashboard"));
		assertThat(this.page.getByTestId("page-title")).hasText("Dashboard");
		AtomicReference<Route> held = new AtomicReference<>();
		this.page.route("**/assets/PoliciesPage-*.js", held::set);
		this.page.getByTestId("nav-policies").click();
		this.page.waitForCondition(() -> held.get() != null);
		this.page.getByTestId("provider-picker").fill(this.provider);
		this.page.getByTestId("provider-picker-option")
			.filter(new Locator.FilterOptions().setHasText(this.provider))
			.first()
			.click();
		held.get().resume();
		assertThat(this.page.getByTestId("policies-table")).containsText("rental");
		assertThat(this.page).hasURL(Pattern.compile("/admin/policies\\?provider=" + this.provider));
		assertThat(this.page.getByTestId("page-title")).hasText("Policies");

		// Help texts show code as code, never Markdown backticks.
		this.page.navigate(url("/admin/providers"));
		this.page.getByTestId("new-provider").click();
		assertThat(this.page.getByTestId("provider-form")).containsText("provider");
		assertThat(this.page.getByTestId("provider-form").innerText()).doesNotContain("`");
		this.page.navigate(url("/admin/licenses?provider=" + this.provider));
		assertThat(this.page.getByTestId("page-title")).hasText("Licenses");
		assertThat(this.page.locator("main").innerText()).doesNotContain("`");
		assertThat(this.browserErrors).isEmpty();
	}

	/**
	 * A form with edits asks before a link takes the operator away; without edits it does
	 * not.
	 */
	@Test
	void leavingAFormWithUnsavedEditsAsksFirst() throws Exception {
		this.page.navigate(url("/admin/policies/new?provider=" + this.provider));
		signIn("root", PASSWORD);
		assertThat(this.page.getByTestId("policy-form")).isVisible();
		List<String> asked = new ArrayList<>();
		this.page.onDialog((dialog) -> {
			asked.add(dialog.message());
			dialog.dismiss();
		});
		// No edit: the link just goes.
		this.page.getByTestId("nav-jobs").click();
		assertThat(this.page.getByTestId("page-title")).hasText("Jobs");
		assertThat(asked).isEmpty();

		this.page.navigate(url("/admin/policies/new?provider=" + this.provider));
		this.page.getByTestId("field-name").fill("half-typed");
		this.page.getByTestId("nav-jobs").click();
		assertThat(this.page.getByTestId("policy-form")).isVisible();
		assertThat(this.page).hasURL(Pattern.compile("/admin/policies/new"));
		assertThat(asked).singleElement().asString().contains("not saved");
		assertThat(this.page.getByTestId("field-name")).hasValue("half-typed");
	}

	/**
	 * The revocation list shows the newest revocation first, whatever the fingerprints.
	 */
	@Test
	void revocationListIsNewestFirstAndListsStackOnAPhone() throws Exception {
		List<String> fingerprints = new ArrayList<>(List.of(fingerprint("a"), fingerprint("b")));
		fingerprints.sort(null);
		// The one that sorts last by fingerprint is revoked first.
		for (String fingerprint : List.of(fingerprints.get(1), fingerprints.get(0))) {
			HttpResponse<String> revoked = this.http.request("POST", "/api/v1/admin/device-revocations")
				.basic("root", PASSWORD)
				.json("{\"fingerprint\": \"" + fingerprint + "\", \"reason\": \"test " + fingerprint + "\"}")
				.send();
			assertThat(revoked.statusCode()).as(revoked.body()).isIn(200, 201);
		}
		this.page.navigate(url("/admin/revocations"));
		signIn("root", PASSWORD);
		Locator first = this.page.locator("[data-testid='revoked-fingerprint']").first();
		assertThat(first).hasText(fingerprints.get(0));

		// A list on a phone: each row a card, each value under its column's name.
		this.page.setViewportSize(390, 800);
		this.page.navigate(url("/admin/policies?provider=" + this.provider));
		Locator cell = this.page.getByTestId("policies-row").first().locator("td").first();
		assertThat(cell).isVisible();
		assertThat(cell.evaluate("(td) => getComputedStyle(td).display")).isEqualTo("grid");
		assertThat(cell.evaluate("(td) => getComputedStyle(td, '::before').content")).isEqualTo("\"Name\"");
		assertNoHorizontalOverflow("policies at 390");
		ConsoleBrowser.screenshot(this.page, "policies-stacked-390");

		// The tables of detail pages stack too: a provider's credentials, a content's
		// keys
		// and a group's members.
		String group = HttpTester
			.json(this.http.request("POST", "/api/v1/device-groups")
				.bearer(this.token)
				.json("{\"name\": \"Family\", \"max_members\": 5}")
				.send())
			.path("group_id")
			.asString();
		String joinToken = HttpTester
			.json(this.http.request("POST", "/api/v1/device-groups/" + group + "/join-tokens")
				.bearer(this.token)
				.json("{}")
				.send())
			.path("token")
			.asString();
		manufacturer.clock().set(Instant.now());
		TestDevice member = manufacturer.newDevice().build();
		HttpResponse<String> joined = this.http.request("POST", "/device/v1/device-groups/" + group + "/members")
			.header("Authorization", "Device " + member.groupRequest(GroupRequest.Action.JOIN, group, joinToken))
			.send();
		assertThat(joined.statusCode()).as(joined.body()).isEqualTo(201);
		Map<String, String[]> tables = new LinkedHashMap<>();
		tables.put("/admin/providers/" + this.provider, new String[] { "credentials-table", "Prefix" });
		tables.put("/admin/contents/movie?provider=" + this.provider, new String[] { "content-keys", "Track" });
		tables.put("/admin/groups/" + group + "?provider=" + this.provider,
				new String[] { "members-table", "Device fingerprint" });
		for (Map.Entry<String, String[]> table : tables.entrySet()) {
			this.page.navigate(url(table.getKey()));
			Locator firstCell = this.page.getByTestId(table.getValue()[0])
				.locator("tbody tr")
				.first()
				.locator("td")
				.first();
			assertThat(firstCell).isVisible();
			assertThat(firstCell.evaluate("(td) => getComputedStyle(td).display")).as(table.getValue()[0])
				.isEqualTo("grid");
			assertThat(firstCell.evaluate("(td) => getComputedStyle(td, '::before').content")).as(table.getValue()[0])
				.isEqualTo("\"" + table.getValue()[1] + "\"");
			assertNoHorizontalOverflow(table.getValue()[0] + " at 390");
			ConsoleBrowser.screenshot(this.page, table.getValue()[0] + "-stacked-390");
		}
	}

	/**
	 * Deleting a content from its page: the confirmation says what will be withdrawn,
	 * then the content is gone from the list and from the API.
	 */
	@Test
	void deletingAContentSaysWhatItWithdrawsThenTheContentIsGone() throws Exception {
		HttpResponse<String> granted = this.http.request("POST", "/api/v1/entitlements")
			.bearer(this.token)
			.json("{\"generated_id\": \"" + GeneratedId.random() + "\", \"content_id\": \"movie\", "
					+ "\"policy_name\": \"rental\", \"license_type\": \"OFFLINE\"}")
			.send();
		assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
		this.page.navigate(url("/admin/contents/movie?provider=" + this.provider));
		signIn("root", PASSWORD);
		assertThat(this.page.getByTestId("content-keys")).isVisible();
		this.page.getByTestId("delete-content").click();
		Locator dialog = this.page.getByTestId("confirm-dialog");
		assertThat(dialog).containsText("Delete content movie?");
		assertThat(dialog.getByTestId("content-deletion-summary"))
			.containsText("1 live entitlement will be withdrawn (1 of devices, 0 of device groups)");
		assertThat(dialog.getByTestId("content-deletion-summary")).containsText("1 content key deleted");
		// Nothing is gone while the dialog asks.
		assertThat(this.http.request("GET", "/api/v1/contents/movie").bearer(this.token).send().statusCode())
			.isEqualTo(200);
		ConsoleBrowser.screenshot(this.page, "content-delete-confirmation");
		dialog.getByTestId("confirm-button").click();

		assertThat(this.page).hasURL(Pattern.compile("/admin/contents\\?provider=" + this.provider + "$"));
		assertThat(this.page.getByTestId("page-title")).hasText("Content");
		assertThat(this.page.getByTestId("empty")).isVisible();
		assertThat(this.page.getByTestId("contents-row")).hasCount(0);
		assertThat(this.http.request("GET", "/api/v1/contents/movie").bearer(this.token).send().statusCode())
			.isEqualTo(404);
		assertThat(this.browserErrors).isEmpty();
		// Its page now says so, and offers nothing to delete.
		this.page.navigate(url("/admin/contents/movie?provider=" + this.provider));
		assertThat(this.page.getByTestId("error")).isVisible();
		assertThat(this.page.getByTestId("delete-content")).hasCount(0);
	}

	/**
	 * Every page of the console at a phone's and a desktop's width: none scrolls
	 * sideways, each names its tab, none logs an error. Screenshots of each in
	 * {@code admin-ui/target/screenshots/tour-*}.
	 */
	@Test
	void everyPageAtPhoneAndDesktopWidthFitsAndHasItsTitle() throws Exception {
		// The test PKI's clock stands where it was made; the device signs now.
		manufacturer.clock().set(Instant.now());
		TestDevice device = manufacturer.newDevice().build();
		GeneratedId id = GeneratedId.random();
		HttpResponse<String> registered = this.http.request("POST", "/device/v1/registrations")
			.json("{\"registration\": \"" + device.register(id, this.provider) + "\"}")
			.send();
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
		HttpResponse<String> granted = this.http.request("POST", "/api/v1/entitlements")
			.bearer(this.token)
			.json("{\"generated_id\": \"" + id + "\", \"content_id\": \"movie\", "
					+ "\"policy_name\": \"rental\", \"license_type\": \"OFFLINE\"}")
			.send();
		assertThat(granted.statusCode()).as(granted.body()).isEqualTo(201);
		String entitlement = HttpTester.json(granted).get("id").asString();
		HttpResponse<String> group = this.http.request("POST", "/api/v1/device-groups")
			.bearer(this.token)
			.json("{\"name\": \"Family\", \"max_members\": 5}")
			.send();
		assertThat(group.statusCode()).as(group.body()).isEqualTo(201);
		String groupId = HttpTester.json(group).get("group_id").asString();
		// The registration's pre-generation job and an audit event, for their detail
		// pages.
		HttpResponse<String> jobs = this.http.request("GET", "/api/v1/jobs").bearer(this.token).send();
		assertThat(jobs.statusCode()).as(jobs.body()).isEqualTo(200);
		String job = HttpTester.json(jobs).path("items").path(0).path("id").asString();
		assertThat(job).as(jobs.body()).isNotBlank();
		HttpResponse<String> audit = this.http.request("GET", "/api/v1/admin/audit-events")
			.basic("root", PASSWORD)
			.send();
		assertThat(audit.statusCode()).as(audit.body()).isEqualTo(200);
		long auditEvent = HttpTester.json(audit).path("items").path(0).path("id").asLong();
		assertThat(auditEvent).as(audit.body()).isPositive();

		String p = "?provider=" + this.provider;
		Map<String, String> pages = new LinkedHashMap<>();
		pages.put("dashboard", "/admin/dashboard" + p);
		pages.put("jobs", "/admin/jobs" + p);
		pages.put("job", "/admin/jobs/" + job + p);
		pages.put("audit", "/admin/audit");
		pages.put("audit-event", "/admin/audit/" + auditEvent);
		pages.put("policies", "/admin/policies" + p);
		pages.put("policy-new", "/admin/policies/new" + p);
		pages.put("policy", "/admin/policies/rental" + p);
		pages.put("contents", "/admin/contents" + p);
		pages.put("content-new", "/admin/contents/new" + p);
		pages.put("content", "/admin/contents/movie" + p);
		pages.put("entitlements", "/admin/entitlements" + p);
		pages.put("entitlement-new", "/admin/entitlements/new" + p);
		pages.put("entitlement", "/admin/entitlements/" + entitlement + p);
		pages.put("try-it", "/admin/try-it" + p);
		pages.put("registrations", "/admin/registrations" + p);
		pages.put("registration", "/admin/registrations/" + id + p);
		pages.put("groups", "/admin/groups" + p);
		pages.put("group", "/admin/groups/" + groupId + p);
		pages.put("licenses", "/admin/licenses" + p);
		pages.put("revocations", "/admin/revocations");
		pages.put("providers", "/admin/providers");
		pages.put("provider", "/admin/providers/" + this.provider + p);
		pages.put("settings", "/admin/settings" + p);
		pages.put("trust-roots", "/admin/trust-roots");
		pages.put("users", "/admin/users");
		pages.put("status", "/admin/status");
		pages.put("account", "/admin/account");

		// Signed out: the sign-in page and the public status page.
		for (int width : new int[] { 390, 1280 }) {
			this.page.setViewportSize(width, 800);
			this.page.navigate(url("/admin/dashboard"));
			assertThat(this.page.getByTestId("sign-in-form")).isVisible();
			assertThat(this.page).hasTitle(Pattern.compile("Sign in"));
			assertNoHorizontalOverflow("sign-in at " + width);
			ConsoleBrowser.screenshot(this.page, "tour-sign-in-" + width);
			this.page.navigate(url("/admin/status"));
			assertThat(this.page.getByTestId("health-status")).isVisible();
			assertNoHorizontalOverflow("public status at " + width);
			ConsoleBrowser.screenshot(this.page, "tour-public-status-" + width);
		}

		this.page.navigate(url("/admin/dashboard"));
		signIn("root", PASSWORD);
		assertThat(this.page.getByTestId("page-title")).hasText("Dashboard");
		// Every page of the navigation is in the tour: a page added to routes.tsx and not
		// here fails this test.
		assertThat(this.page.locator("#main-nav a[data-testid^='nav-']").first()).isAttached();
		@SuppressWarnings("unchecked")
		List<String> navigation = (List<String>) this.page.evaluate("""
				() => [...document.querySelectorAll('#main-nav a[data-testid^="nav-"]')]
				  .map((a) => new URL(a.href).pathname.replace(/^\\/admin\\//, '').split('/')[0])""");
		Set<String> toured = new HashSet<>();
		for (String path : pages.values()) {
			toured.add(path.replaceFirst("^/admin/", "").split("[/?]")[0]);
		}
		assertThat(navigation).hasSizeGreaterThanOrEqualTo(16)
			.allSatisfy((route) -> assertThat(toured).contains(route));
		Set<String> titles = new HashSet<>();
		for (int width : new int[] { 390, 1280 }) {
			this.page.setViewportSize(width, 800);
			for (Map.Entry<String, String> each : pages.entrySet()) {
				this.page.navigate(url(each.getValue()));
				Locator title = this.page.locator("main h1").first();
				assertThat(title).isVisible();
				this.page.waitForLoadState(com.microsoft.playwright.options.LoadState.NETWORKIDLE);
				assertThat(this.page.locator("[data-testid='loading'], [data-testid='page-loading']")).hasCount(0);
				String heading = title.innerText().strip();
				assertThat(this.page.title()).as(each.getKey()).contains(heading.isEmpty() ? "Voucher" : heading);
				titles.add(this.page.title());
				assertNoHorizontalOverflow(each.getKey() + " at " + width);
				ConsoleBrowser.screenshot(this.page, "tour-" + each.getKey() + "-" + width);
			}
		}
		// A title per page, not one for all.
		assertThat(titles).hasSizeGreaterThan(20);
		assertThat(this.browserErrors).isEmpty();
	}

	private void signInAsNewAuditor() {
		String auditor = "auditor-" + UUID.randomUUID().toString().substring(0, 6);
		HttpResponse<String> created = this.http.request("POST", "/api/v1/admin/users")
			.basic("root", PASSWORD)
			.json("{\"username\": \"" + auditor
					+ "\", \"role\": \"AUDITOR\", \"initial_password\": \"one-time password\"}")
			.send();
		assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
		this.page.navigate(url("/admin/dashboard"));
		signIn(auditor, "one-time password");
		this.page.getByTestId("field-current-password").fill("one-time password");
		this.page.getByTestId("field-new-password").fill("auditor's own password");
		this.page.getByTestId("field-repeat-password").fill("auditor's own password");
		this.page.getByTestId("change-password").click();
		assertThat(this.page.getByTestId("current-role")).hasText("AUDITOR");
	}

	private String licenseStatus(String challenge, String policy) {
		HttpResponse<String> answer = this.http.request("POST", "/api/v1/licenses")
			.bearer(this.token)
			.json("{\"payload\": \"" + challenge + "\", \"provider\": \"" + this.provider + "\", \"policy_name\": \""
					+ policy + "\"}")
			.send();
		return HttpTester.json(answer).path("status").asString();
	}

	private void assertNoHorizontalOverflow(String what) {
		Object widths = this.page
			.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth, document.body.scrollWidth]");
		@SuppressWarnings("unchecked")
		List<Number> values = (List<Number>) widths;
		assertThat(values.get(0).intValue()).as("%s: page width %s, viewport %s", what, values.get(0), values.get(1))
			.isLessThanOrEqualTo(values.get(1).intValue());
	}

	private static String fingerprint(String seed) throws Exception {
		byte[] digest = MessageDigest.getInstance("SHA-256")
			.digest((seed + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
		return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
	}

	private void signIn(String username, String password) {
		ConsoleBrowser.signIn(this.page, username, password);
	}

	private String url(String path) {
		return "http://localhost:" + this.port + path;
	}

}
