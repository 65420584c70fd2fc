package io.voucher.api.sdk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.voucher.domain.testing.PostgresTest;
import io.voucher.sdk.ApiClient;
import io.voucher.sdk.api.AdminProvidersApi;
import io.voucher.sdk.api.ContentApi;
import io.voucher.sdk.api.DeviceApi;
import io.voucher.sdk.api.DeviceGroupsApi;
import io.voucher.sdk.api.EntitlementsApi;
import io.voucher.sdk.api.JobsApi;
import io.voucher.sdk.api.PoliciesApi;
import io.voucher.sdk.model.Content;
import io.voucher.sdk.model.ContentDeletion;
import io.voucher.sdk.model.ContentKeySpec;
import io.voucher.sdk.model.CreateContentRequest;
import io.voucher.sdk.model.CreateCredentialRequest;
import io.voucher.sdk.model.CreateDeviceGroupRequest;
import io.voucher.sdk.model.CreateJoinTokenRequest;
import io.voucher.sdk.model.CreateProviderRequest;
import io.voucher.sdk.model.DeviceGroup;
import io.voucher.sdk.model.DeviceGroupJoinToken;
import io.voucher.sdk.model.DeviceTrust;
import io.voucher.sdk.model.Entitlement;
import io.voucher.sdk.model.EntitlementRequest;
import io.voucher.sdk.model.IssuedProviderCredential;
import io.voucher.sdk.model.Job;
import io.voucher.sdk.model.KeyExportRequest;
import io.voucher.sdk.model.LicenseType;
import io.voucher.sdk.model.PageResponseContent;
import io.voucher.sdk.model.PageResponseJob;
import io.voucher.sdk.model.PageResponsePolicy;
import io.voucher.sdk.model.Policy;
import io.voucher.sdk.model.PolicyRequest;
import io.voucher.sdk.model.Problem;
import io.voucher.sdk.model.ProblemCode;
import io.voucher.sdk.model.RotateKeysRequest;
import io.voucher.sdk.model.TrackType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.client.RestClientResponseException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Clients generated from the committed description drive a real platform as they are
 * generated, with their standard auth settings: the official Java SDK (voucher-sdk-java)
 * through a whole provider flow, and the TypeScript and Python clients that the same
 * build generates through a short one run by node and python3. An admin (HTTP Basic) sets
 * up a provider and its credential, the provider (bearer token) manages its catalogue,
 * and errors arrive as the typed problem model.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "voucher.admin.initial-username=" + GeneratedClientFlowTests.ADMIN,
				"voucher.admin.initial-password=" + GeneratedClientFlowTests.PASSWORD })
@PostgresTest
class GeneratedClientFlowTests {

	static final String ADMIN = "sdk-admin";

	static final String PASSWORD = "sdk admin password";

	/** The SDK module, where the build generated the clients. */
	static final Path SDK = Path.of("..", "voucher-sdk-java").toAbsolutePath().normalize();

	@LocalServerPort
	int port;

	ApiClient admin;

	String provider;

	@BeforeEach
	void admin() {
		this.admin = client();
		this.admin.setUsername(ADMIN);
		this.admin.setPassword(PASSWORD);
		this.provider = "sdk-" + UUID.randomUUID().toString().substring(0, 8);
	}

	@Test
	void adminAndProviderWorkThroughTheGeneratedSdkAlone() {
		AdminProvidersApi providers = new AdminProvidersApi(this.admin);
		providers.createProvider(new CreateProviderRequest().name(this.provider).displayName("SDK provider"));
		IssuedProviderCredential credential = providers.createProviderCredential(this.provider,
				new CreateCredentialRequest().label("sdk"));
		// The token is shown once, in the 201 answer.
		assertThat(credential.getToken()).isNotBlank();
		assertThat(credential.getPrefix()).isNotBlank();
		ApiClient backend = client();
		backend.setBearerToken(credential.getToken());

		PoliciesApi policies = new PoliciesApi(backend);
		Policy created = policies
			.createPolicy(new PolicyRequest().name("rental").canPlay(true).licenseDurationSeconds(3600L), null);
		assertThat(created.getName()).isEqualTo("rental");
		policies.createPolicy(new PolicyRequest().name("subscription").canPlay(true).canPersist(true), null);
		assertThat(policies.getPolicy("rental", null).getLicenseDurationSeconds()).isEqualTo(3600L);
		Policy replaced = policies.replacePolicy("rental",
				new PolicyRequest().name("rental").canPlay(true).licenseDurationSeconds(7200L), null);
		assertThat(replaced.getLicenseDurationSeconds()).isEqualTo(7200L);
		PageResponsePolicy firstByNameDescending = policies.listPolicies(0, 1, "name,desc", null, null);
		assertThat(firstByNameDescending.getItems()).extracting(Policy::getName).containsExactly("subscription");
		assertThat(firstByNameDescending.getPage().getTotalElements()).isEqualTo(2L);
		assertThat(firstByNameDescending.getPage().getTotalPages()).isEqualTo(2);
		assertThat(policies.listPolicies(1, 1, "name,desc", null, null).getItems()).extracting(Policy::getName)
			.containsExactly("rental");
		assertThat(policies.listPolicies(0, 20, null, "SCRIPT", null).getItems()).extracting(Policy::getName)
			.containsExactly("subscription");

		ContentApi contents = new ContentApi(backend);
		Content movie = contents.createContent(new CreateContentRequest().contentId("movie-1")
			.name("Movie")
			.keys(List.of(new ContentKeySpec().trackType(TrackType.SD), new ContentKeySpec().trackType(TrackType.HD))),
				null);
		assertThat(movie.getKeys()).hasSize(2);
		contents.createContent(new CreateContentRequest().contentId("movie-2")
			.name("Sequel")
			.keys(List.of(new ContentKeySpec().trackType(TrackType.AUDIO))), null);
		assertThat(contents.getContent("movie-1", null).getName()).isEqualTo("Movie");
		Content rotated = contents.rotateContentKeys("movie-1",
				new RotateKeysRequest().keys(List.of(new ContentKeySpec().trackType(TrackType.UHD1))), null);
		assertThat(rotated.getKeys()).extracting((key) -> key.getTrackType()).contains(TrackType.UHD1);
		PageResponseContent newest = contents.listContents(0, 1, "content_id,desc", null, null);
		assertThat(newest.getItems()).extracting(Content::getContentId).containsExactly("movie-2");
		assertThat(newest.getPage().getTotalElements()).isEqualTo(2L);

		EntitlementsApi entitlements = new EntitlementsApi(backend);
		String generatedId = "SdkFlow" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
		Entitlement granted = entitlements.grantEntitlement(new EntitlementRequest().generatedId(generatedId)
			.contentId("movie-1")
			.policyName("rental")
			.licenseType(LicenseType.STREAMING), null);
		assertThat(granted.getGeneratedId()).isEqualTo(generatedId);
		assertThat(granted.getLicenseType()).isEqualTo(LicenseType.STREAMING);

		DeviceGroupsApi groups = new DeviceGroupsApi(backend);
		DeviceGroup family = groups.createDeviceGroup(new CreateDeviceGroupRequest().name("family").maxMembers(3),
				null);
		DeviceGroupJoinToken joinToken = groups.createDeviceGroupJoinToken(family.getGroupId(), null,
				new CreateJoinTokenRequest().validitySeconds(600L));
		assertThat(joinToken.getToken()).isNotBlank();
		assertThat(joinToken.getGroupId()).isEqualTo(family.getGroupId());

		JobsApi jobs = new JobsApi(backend);
		PageResponseJob page = jobs.listJobs(0, 20, null, null, null);
		assertThat(page.getPage().getSize()).isEqualTo(20);
		for (Job job : page.getItems()) {
			assertThat(jobs.getJob(job.getId().toString()).getStatus()).isNotNull();
		}

		policies.deletePolicy("subscription", null);
		assertThat(policies.listPolicies(0, 20, null, null, null).getItems()).extracting(Policy::getName)
			.containsExactly("rental");
		Problem policyGone = problem(() -> policies.getPolicy("subscription", null), 404);
		assertThat(policyGone.getCode()).isEqualTo(ProblemCode.POLICY_NOT_FOUND);
		assertThat(problem(() -> policies.deletePolicy("subscription", null), 404).getCode())
			.isEqualTo(ProblemCode.POLICY_NOT_FOUND);

		// Deleting content: a dry run first, as the console's confirmation does.
		ContentDeletion wouldDelete = contents.deleteContent("movie-1", true, null);
		assertThat(wouldDelete.getDryRun()).isTrue();
		assertThat(wouldDelete.getEntitlementsWithdrawn()).isEqualTo(1);
		assertThat(contents.getContent("movie-1", null).getKeys()).hasSize(3);
		ContentDeletion deleted = contents.deleteContent("movie-1", null, null);
		assertThat(deleted.getContentId()).isEqualTo("movie-1");
		assertThat(deleted.getDryRun()).isFalse();
		assertThat(deleted.getEntitlementsWithdrawn()).isEqualTo(1);
		assertThat(deleted.getDeviceEntitlements()).isEqualTo(1);
		assertThat(deleted.getGroupEntitlements()).isZero();
		assertThat(deleted.getKeysDeleted()).isEqualTo(3);
		assertThat(entitlements.getEntitlement(granted.getId().toString(), null).getWithdrawnAt()).isNotNull();
		assertThat(problem(() -> contents.getContent("movie-1", null), 404).getCode())
			.isEqualTo(ProblemCode.CONTENT_NOT_FOUND);
		assertThat(problem(() -> contents.deleteContent("movie-1", null, null), 404).getCode())
			.isEqualTo(ProblemCode.CONTENT_NOT_FOUND);
		assertThat(contents.listContents(0, 20, null, null, null).getItems()).extracting(Content::getContentId)
			.containsExactly("movie-2");

		// The trust endpoint's JWK set arrives intact.
		DeviceTrust trust = new DeviceApi(client()).getDeviceTrust();
		assertThat(trust.getSigningKeys()).containsKey("keys");
		List<?> keys = (List<?>) trust.getSigningKeys().get("keys");
		assertThat(keys).isNotEmpty();
		for (Object key : keys) {
			Map<?, ?> jwk = (Map<?, ?>) key;
			assertThat(jwk.get("kty")).isInstanceOf(String.class);
			assertThat(jwk.get("kid")).isInstanceOf(String.class);
			assertThat(jwk.get("x")).isInstanceOf(String.class);
		}

		Set<ProblemCode> codes = new TreeSet<>();
		ApiClient stranger = client();
		stranger.setBearerToken("vch_not-a-real-token");
		codes.add(problem(() -> new PoliciesApi(stranger).listPolicies(null, null, null, null, null), 401).getCode());
		// Exporting keys takes a credential made for it.
		codes.add(problem(() -> contents.exportContentKeys("movie-1", new KeyExportRequest()), 403).getCode());
		codes.add(problem(() -> policies.getPolicy("no-such-policy", null), 404).getCode());
		codes.add(problem(() -> policies.createPolicy(new PolicyRequest().name("rental").canPlay(true), null), 409)
			.getCode());
		codes.add(problem(() -> contents.getContent("no-such-content", null), 404).getCode());
		codes.add(problem(() -> policies.listPolicies(0, 1, "colour", null, null), 400).getCode());
		codes.add(problem(
				() -> providers.createProvider(new CreateProviderRequest().name(this.provider).displayName("Again")),
				409)
			.getCode());
		codes.add(problem(() -> jobs.getJob(UUID.randomUUID().toString()), 404).getCode());
		assertThat(codes).containsExactlyInAnyOrder(ProblemCode.UNAUTHORIZED, ProblemCode.FORBIDDEN,
				ProblemCode.POLICY_NOT_FOUND, ProblemCode.POLICY_EXISTS, ProblemCode.CONTENT_NOT_FOUND,
				ProblemCode.INVALID_PAGE_REQUEST, ProblemCode.PROVIDER_EXISTS, ProblemCode.JOB_NOT_FOUND);
	}

	@Test
	void typescriptFetchClientRunsAFlowUnderNode() throws Exception {
		Path script = SDK.resolve("target/clients/typescript-out/src/test/typescript/flow.js");
		JsonNode result = run(List.of("node", script.toString()), "node", script, Map.of());
		assertFlowResult(result);
	}

	@Test
	void pythonClientRunsAFlow() throws Exception {
		Path client = SDK.resolve("target/clients/python");
		Path script = SDK.resolve("src/test/python/flow.py");
		JsonNode result = run(List.of("python3", script.toString()), "python3", client.resolve("voucher_client"),
				Map.of("PYTHONPATH", client.toString()));
		assertFlowResult(result);
	}

	private void assertFlowResult(JsonNode result) {
		// The one-time token of the 201 answer reaches the caller.
		assertThat(result.path("token").asString()).isNotBlank();
		assertThat(result.path("policies").values()).extracting(JsonNode::asString).hasSize(1);
		assertThat(result.path("total").asLong()).isEqualTo(1L);
		// The JWK set arrives intact, not as {}.
		JsonNode keys = result.path("signingKeys").path("keys");
		assertThat(keys.isArray()).isTrue();
		assertThat(keys.size()).isPositive();
		for (JsonNode key : keys) {
			assertThat(key.path("kty").asString()).isNotBlank();
			assertThat(key.path("kid").asString()).isNotBlank();
			assertThat(key.path("x").asString()).isNotBlank();
		}
		assertThat(result.path("problemCode").asString()).isEqualTo("POLICY_NOT_FOUND");
	}

	/**
	 * Runs a flow script against this platform and reads the JSON line it prints.
	 */
	private JsonNode run(List<String> command, String tool, Path needed, Map<String, String> environment)
			throws Exception {
		assumeTrue(onPath(tool), tool + " is not installed on this machine: the generated client cannot run");
		assertThat(needed).as("build voucher-sdk-java first (./mvnw -pl voucher-sdk-java install)").exists();
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().putAll(environment);
		builder.environment().put("VOUCHER_URL", "http://localhost:" + this.port);
		builder.environment().put("VOUCHER_ADMIN", ADMIN);
		builder.environment().put("VOUCHER_PASSWORD", PASSWORD);
		builder.environment().put("VOUCHER_PROVIDER", this.provider);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
		String last = output.strip().lines().reduce((first, second) -> second).orElse("");
		return JsonMapper.builder().build().readTree(last);
	}

	private static boolean onPath(String tool) {
		try {
			Process process = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
			process.getInputStream().readAllBytes();
			return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
		}
		catch (IOException | InterruptedException ex) {
			return false;
		}
	}

	private ApiClient client() {
		ApiClient client = new ApiClient();
		client.setBasePath("http://localhost:" + this.port);
		return client;
	}

	private static Problem problem(Executable call, int status) {
		try {
			call.execute();
		}
		catch (RestClientResponseException ex) {
			assertThat(ex.getStatusCode().value()).isEqualTo(status);
			assertThat(ex.getResponseHeaders().getContentType()).hasToString("application/problem+json");
			Problem problem = ex.getResponseBodyAs(Problem.class);
			assertThat(problem).isNotNull();
			assertThat(problem.getStatus()).isEqualTo(status);
			assertThat(problem.getType().toString()).startsWith("urn:voucher:problem:");
			return problem;
		}
		catch (Throwable ex) {
			fail("expected a problem answer, got " + ex);
		}
		return fail("expected a " + status + " problem answer");
	}

}
