package io.voucher.api.security;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Stream;

import io.voucher.api.testing.HttpTester;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the OpenAPI description, called by every kind of caller, against a
 * declared table of who may do what. An operation missing from the table fails the test,
 * so a new endpoint cannot ship without its access rule.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "voucher.admin.initial-username=root",
				"voucher.admin.initial-password=" + AuthorizationMatrixTests.PASSWORD })
@PostgresTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTests {

	static final String PASSWORD = "matrix admin password";

	/** Who calls. */
	enum Caller {

		ANONYMOUS, ADMIN, OPERATOR, AUDITOR,
		/** Provider A's backend, acting on provider A's data. */
		PROVIDER_OWN,
		/** Provider B's backend, naming provider A's data. */
		PROVIDER_OTHER

	}

	/** What the caller must get. */
	enum Outcome {

		/**
		 * Past access control: any answer but 401 and 403 (a 400 or 404 of the request
		 * itself is fine).
		 */
		ALLOWED,
		/** 401 UNAUTHORIZED. */
		UNAUTHORIZED,
		/** 403 FORBIDDEN. */
		FORBIDDEN,
		/**
		 * 404 PROVIDER_NOT_FOUND: another provider's data does not exist for this caller.
		 */
		INVISIBLE,
		/**
		 * 401 CLEAR_KEY_TOKEN_MISSING or 403 ENTITLEMENT_TOKEN_REJECTED: only an
		 * entitlement token authorizes; no platform credential does (a provider's bearer
		 * credential is read as a token, and refused).
		 */
		TOKEN_ONLY

	}

	static final Outcome A = Outcome.ALLOWED;

	static final Outcome U = Outcome.UNAUTHORIZED;

	static final Outcome F = Outcome.FORBIDDEN;

	static final Outcome I = Outcome.INVISIBLE;

	static final Outcome T = Outcome.TOKEN_ONLY;

	/**
	 * The declared access rules, per operation id; outcomes in the order of
	 * {@link Caller}: anonymous, admin, operator, auditor, provider own, provider other.
	 */
	static final Map<String, Outcome[]> TABLE = new LinkedHashMap<>();

	static {
		rule("getPlatform", A, A, A, A, A, A);
		// Device API: no credentials; devices prove themselves by their signatures.
		rule("individualizeDevice", A, A, A, A, A, A);
		rule("getDeviceTrust", A, A, A, A, A, A);
		rule("getRevocationList", A, A, A, A, A, A);
		rule("registerDevice", A, A, A, A, A, A);
		rule("getLicenseBundle", A, A, A, A, A, A);
		rule("joinDeviceGroup", A, A, A, A, A, A);
		rule("leaveDeviceGroup", A, A, A, A, A, A);
		rule("getDeviceGroupCredential", A, A, A, A, A, A);
		rule("getDeviceGroupBundle", A, A, A, A, A, A);
		// Provider API: provider backends on their own data, admins for any provider,
		// auditors read only.
		rule("createPolicy", U, A, A, F, A, I);
		rule("listPolicies", U, A, A, A, A, I);
		rule("getPolicy", U, A, A, A, A, I);
		rule("replacePolicy", U, A, A, F, A, I);
		rule("deletePolicy", U, A, A, F, A, I);
		rule("createContent", U, A, A, F, A, I);
		rule("listContents", U, A, A, A, A, I);
		rule("getContent", U, A, A, A, A, I);
		rule("rotateContentKeys", U, A, A, F, A, I);
		rule("deleteContent", U, A, A, F, A, I);
		// A test token lets its holder fetch a content's keys: the provider, or an ADMIN.
		rule("createTestToken", U, A, F, F, A, I);
		// Keys in clear: only credentials created with key_export; none of these callers.
		rule("exportContentKeys", U, F, F, F, F, F);
		// CPIX key delivery: provider credentials only; the document names the content,
		// so another provider's content is CONTENT_NOT_FOUND (CpixApiTests), and keys in
		// clear need key_export (CPIX_DELIVERY_KEY_REQUIRED, CpixApiTests).
		rule("requestCpixKeys", U, F, F, F, A, A);
		rule("requestSpekeKeys", U, F, F, F, A, A);
		// The license message names its provider in the body; the cross-provider refusal
		// (ACCESS_DENIED in the license response) is covered by LicenseApiTests.
		rule("requestLicense", U, A, A, F, A, A);
		rule("grantEntitlement", U, A, A, F, A, I);
		rule("listEntitlements", U, A, A, A, A, I);
		rule("getEntitlement", U, A, A, A, A, I);
		rule("withdrawEntitlement", U, A, A, F, A, I);
		rule("listRegistrations", U, A, A, A, A, I);
		rule("getRegistration", U, A, A, A, A, I);
		rule("transferRegistration", U, A, A, F, A, I);
		rule("createDeviceGroup", U, A, A, F, A, I);
		rule("listDeviceGroups", U, A, A, A, A, I);
		rule("getDeviceGroup", U, A, A, A, A, I);
		rule("deleteDeviceGroup", U, A, A, F, A, I);
		rule("createDeviceGroupJoinToken", U, A, A, F, A, I);
		rule("removeDeviceGroupMember", U, A, A, F, A, I);
		// Entitlement-token keys: provider data like policies.
		rule("createEntitlementTokenKey", U, A, A, F, A, I);
		rule("listEntitlementTokenKeys", U, A, A, A, A, I);
		rule("deleteEntitlementTokenKey", U, A, A, F, A, I);
		// The direct model: a device with its provider's entitlement token, no
		// credential.
		rule("requestDeviceLicense", A, A, A, A, A, A);
		// Clear Key: a browser with its provider's entitlement token; credentials count
		// for
		// nothing.
		rule("requestClearKeyLicense", T, T, T, T, T, T);
		// A job is found by its id; another provider's job does not exist for the caller.
		rule("getJob", U, A, A, A, A, A);
		rule("listJobs", U, A, A, A, A, I);
		// Records of issued licenses: provider data, read only.
		rule("listIssuedLicenses", U, A, A, A, A, I);
		// A provider blocks a device for its own business only: provider data like
		// policies.
		rule("revokeDevice", U, A, A, F, A, I);
		rule("listDeviceBlocks", U, A, A, A, A, I);
		// Which devices get the provider's keys: the provider or an ADMIN acting for it.
		rule("getDeviceAdmission", U, A, A, A, A, I);
		rule("updateDeviceAdmission", U, A, F, F, A, I);
		// Platform-wide revocation refuses a device for every provider: ADMIN only.
		rule("revokeDevicePlatformWide", U, A, F, F, F, F);
		rule("listDeviceRevocations", U, A, A, A, F, F);
		// Admin API: providers and credentials.
		rule("createProvider", U, A, A, F, F, F);
		rule("listProviders", U, A, A, A, F, F);
		rule("getProvider", U, A, A, A, F, F);
		// Renaming, disabling and enabling a provider: ADMIN only.
		rule("updateProvider", U, A, F, F, F, F);
		rule("createProviderCredential", U, A, F, F, F, F);
		rule("listProviderCredentials", U, A, A, A, F, F);
		rule("rotateProviderCredential", U, A, F, F, F, F);
		rule("revokeProviderCredential", U, A, F, F, F, F);
		// Static export of out-of-band bundles: operations work.
		rule("exportBundles", U, A, A, F, F, F);
		rule("listAuditEvents", U, A, A, A, F, F);
		rule("verifyAuditTrail", U, A, A, A, F, F);
		rule("getAuditEvent", U, A, A, A, F, F);
		rule("getDashboard", U, A, A, A, F, F);
		// Trusting device roots decides which devices get keys: ADMIN only.
		rule("createTrustRoot", U, A, F, F, F, F);
		rule("listTrustRoots", U, A, A, A, F, F);
		rule("deleteTrustRoot", U, A, F, F, F, F);
		// Admin API: users (ADMIN only) and one's own account.
		rule("createAdminUser", U, A, F, F, F, F);
		rule("listAdminUsers", U, A, F, F, F, F);
		rule("getAdminUser", U, A, F, F, F, F);
		rule("deleteAdminUser", U, A, F, F, F, F);
		rule("disableAdminUser", U, A, F, F, F, F);
		rule("enableAdminUser", U, A, F, F, F, F);
		rule("changeAdminUserRole", U, A, F, F, F, F);
		rule("resetAdminUserPassword", U, A, F, F, F, F);
		rule("getCurrentAdminUser", U, A, A, A, F, F);
		rule("changeOwnPassword", U, A, A, A, F, F);
		// Console sign-in and sign-out: the sign-in is the authentication itself.
		rule("createAdminSession", A, A, A, A, A, A);
		rule("deleteAdminSession", A, A, A, A, A, A);
		// CORS origins of the device API: provider data like policies.
		rule("listCorsOrigins", U, A, A, A, A, I);
		rule("replaceCorsOrigins", U, A, A, F, A, I);
	}

	static void rule(String operationId, Outcome... outcomes) {
		TABLE.put(operationId, outcomes);
	}

	@LocalServerPort
	int port;

	HttpTester http;

	final Map<Caller, String> authorization = new EnumMap<>(Caller.class);

	@BeforeAll
	void callers() {
		this.http = new HttpTester(this.port);
		String suffix = UUID.randomUUID().toString().substring(0, 6);
		String providerA = "matrix-a-" + suffix;
		this.authorization.put(Caller.ADMIN, basic("root", PASSWORD));
		this.authorization.put(Caller.PROVIDER_OWN, "Bearer " + newProvider(providerA));
		this.authorization.put(Caller.PROVIDER_OTHER, "Bearer " + newProvider("matrix-b-" + suffix));
		this.authorization.put(Caller.OPERATOR,
				basic(newUser("operator-" + suffix, "OPERATOR"), "operator password 2"));
		this.authorization.put(Caller.AUDITOR, basic(newUser("auditor-" + suffix, "AUDITOR"), "auditor password 2"));
		this.providerA = providerA;
	}

	String providerA;

	@Test
	void everyOperationHasAnEntryAndEveryEntryAnOperation() {
		Set<String> documented = new TreeSet<>(operations().map(Operation::id).toList());

		assertThat(TABLE.keySet()).as("operations in the table").containsExactlyInAnyOrderElementsOf(documented);
	}

	@Test
	void everyCallerGetsWhatTheTableSays() {
		List<String> mismatches = new ArrayList<>();
		operations().filter((operation) -> TABLE.containsKey(operation.id())).forEach((operation) -> {
			Outcome[] expected = TABLE.get(operation.id());
			for (Caller caller : Caller.values()) {
				HttpResponse<String> response = call(operation, caller);
				String mismatch = check(expected[caller.ordinal()], response);
				if (mismatch != null) {
					mismatches.add(operation.id() + " as " + caller + ": " + mismatch);
				}
			}
		});

		assertThat(mismatches).isEmpty();
	}

	@Test
	void userWithOneTimePasswordMayOnlyChangeIt() {
		String username = "fresh-" + UUID.randomUUID().toString().substring(0, 6);
		post("/api/v1/admin/users", basic("root", PASSWORD), "{\"username\": \"" + username
				+ "\", \"role\": \"OPERATOR\", \"initial_password\": \"one-time password\"}");
		String fresh = basic(username, "one-time password");

		HttpResponse<String> blocked = this.http.request("GET", "/api/v1/admin/providers")
			.header("Authorization", fresh)
			.send();
		HttpResponse<String> me = this.http.request("GET", "/api/v1/admin/me").header("Authorization", fresh).send();

		assertThat(blocked.statusCode()).isEqualTo(403);
		assertThat(HttpTester.json(blocked).path("code").asString()).isEqualTo("PASSWORD_CHANGE_REQUIRED");
		assertThat(HttpTester.json(me).path("must_change_password").asBoolean()).isTrue();
	}

	private HttpResponse<String> call(Operation operation, Caller caller) {
		String path = operation.path()
			.replace("{name}",
					operation.path().startsWith("/api/v1/admin/providers") ? this.providerA : "no-such-policy")
			.replace("{prefix}", "aaaaaaaaaa")
			.replace("{contentId}", "no-such-content")
			.replace("{fingerprint}", "not-a-fingerprint")
			.replace("{username}", "no-such-user")
			.replace("{generatedId}", "no-such-generated-id-0123456789")
			.replace("{id}", "00000000-0000-0000-0000-000000000000")
			.replace("{jobId}", "00000000-0000-0000-0000-000000000000")
			.replace("{groupId}", "no-such-group")
			.replace("{kid}", "no-such-kid");
		if (!operation.path().startsWith("/api/v1/admin")) {
			path += "?provider=" + this.providerA;
		}
		HttpTester.Request request = this.http.request(operation.method(), path);
		String authorization = this.authorization.get(caller);
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		if (operation.method().equals("POST") || operation.method().equals("PUT")) {
			request.json("{}");
		}
		return request.send();
	}

	private static String check(Outcome expected, HttpResponse<String> response) {
		int status = response.statusCode();
		String code = (response.body().startsWith("{")) ? HttpTester.json(response).path("code").asString() : "";
		boolean ok = switch (expected) {
			case ALLOWED -> status != 401 && status != 403 && !"PROVIDER_NOT_FOUND".equals(code) && status < 500;
			case UNAUTHORIZED -> status == 401 && "UNAUTHORIZED".equals(code);
			case FORBIDDEN -> status == 403 && "FORBIDDEN".equals(code);
			case INVISIBLE -> status == 404 && "PROVIDER_NOT_FOUND".equals(code);
			case TOKEN_ONLY -> (status == 401 && "CLEAR_KEY_TOKEN_MISSING".equals(code))
					|| (status == 403 && "ENTITLEMENT_TOKEN_REJECTED".equals(code));
		};
		return ok ? null : "expected " + expected + " but got " + status + " " + code;
	}

	private Stream<Operation> operations() {
		JsonNode paths = HttpTester.json(this.http.request("GET", "/v3/api-docs").timeout(Duration.ofMinutes(3)).send())
			.path("paths");
		List<Operation> operations = new ArrayList<>();
		for (String path : paths.propertyNames()) {
			for (String method : paths.path(path).propertyNames()) {
				operations.add(new Operation(paths.path(path).path(method).path("operationId").asString(),
						method.toUpperCase(Locale.ROOT), path));
			}
		}
		return operations.stream();
	}

	private String newProvider(String name) {
		post("/api/v1/admin/providers", basic("root", PASSWORD),
				"{\"name\": \"" + name + "\", \"display_name\": \"" + name + "\"}");
		return HttpTester
			.json(post("/api/v1/admin/providers/" + name + "/credentials", basic("root", PASSWORD),
					"{\"label\": \"matrix\"}"))
			.path("token")
			.asString();
	}

	private String newUser(String username, String role) {
		post("/api/v1/admin/users", basic("root", PASSWORD), "{\"username\": \"" + username + "\", \"role\": \"" + role
				+ "\", \"initial_password\": \"one-time password\"}");
		String newPassword = role.toLowerCase(Locale.ROOT) + " password 2";
		post("/api/v1/admin/me/password", basic(username, "one-time password"),
				"{\"current_password\": \"one-time password\", \"new_password\": \"" + newPassword + "\"}");
		return username;
	}

	private HttpResponse<String> post(String path, String authorization, String body) {
		HttpResponse<String> response = this.http.request("POST", path)
			.header("Authorization", authorization)
			.json(body)
			.send();
		assertThat(response.statusCode()).as(path + " " + response.body()).isBetween(200, 299);
		return response;
	}

	private static String basic(String username, String password) {
		return "Basic " + java.util.Base64.getEncoder()
			.encodeToString((username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8));
	}

	record Operation(String id, String method, String path) {
	}

}
