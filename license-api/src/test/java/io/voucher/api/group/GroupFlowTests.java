package io.voucher.api.group;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.voucher.api.testing.HttpTester;
import io.voucher.api.testing.TrustedManufacturer;
import io.voucher.crypto.challenge.Challenge;
import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.challenge.GroupRequest;
import io.voucher.crypto.group.GroupCredentialOpener;
import io.voucher.crypto.group.GroupMembership;
import io.voucher.crypto.keys.KeyMaterial;
import io.voucher.crypto.keys.LicenseTrust;
import io.voucher.crypto.testing.TestDevice;
import io.voucher.crypto.testing.TestPki;
import io.voucher.crypto.voucher.ContentKey;
import io.voucher.crypto.voucher.OpenedVoucher;
import io.voucher.crypto.voucher.TrackType;
import io.voucher.crypto.voucher.VoucherOpener;
import io.voucher.crypto.voucher.VoucherRejectedException;
import io.voucher.domain.content.ContentId;
import io.voucher.domain.content.ContentKeyMaterial;
import io.voucher.domain.content.ContentService;
import io.voucher.domain.content.KeyRequest;
import io.voucher.domain.policy.PlaybackPolicy;
import io.voucher.domain.policy.PolicyName;
import io.voucher.domain.policy.PolicyService;
import io.voucher.domain.provider.ProviderService;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Device groups end to end on real PostgreSQL: joining up to the limit, licenses bound to
 * the group that move from one member to another, the key roll when a member leaves, and
 * the limit under concurrent joins.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "voucher.jobs.polling-interval=200ms")
@PostgresTest
class GroupFlowTests {

	static final TestPki manufacturer = TestPki.create();

	static final Duration WAIT = Duration.ofSeconds(60);

	@DynamicPropertySource
	static void trustManufacturerRoot(DynamicPropertyRegistry registry) {
		TrustedManufacturer.trust(registry, manufacturer);
	}

	@LocalServerPort
	int port;

	@Autowired
	ProviderService providers;

	@Autowired
	ContentService contents;

	@Autowired
	PolicyService policies;

	@Autowired
	KeyMaterial keyMaterial;

	HttpTester http;

	String provider;

	UUID providerId;

	String token;

	@BeforeEach
	void providerContentAndPolicy() {
		this.http = new HttpTester(this.port);
		this.provider = "grp-" + UUID.randomUUID().toString().substring(0, 8);
		this.providerId = this.providers.create(this.provider, "Groups").id();
		this.token = this.providers.createCredential(this.provider, "backend").token();
		this.contents.create(this.providerId, new ContentId("movie"), "Movie",
				List.of(KeyRequest.generate(TrackType.SD), KeyRequest.generate(TrackType.HD)));
		this.policies.create(this.providerId, new PolicyName("family"),
				PlaybackPolicy.builder().canPlay(true).canPersist(true).build(), Map.of());
	}

	@Test
	void groupOfTwoRefusesTheThirdAndItsLicensesMoveBetweenMembersUntilOneLeaves() {
		String group = createGroup(2);
		TestDevice a = manufacturer.newDevice().build();
		TestDevice b = manufacturer.newDevice().build();
		TestDevice c = manufacturer.newDevice().build();

		HttpResponse<String> joinA = join(a, group, joinToken(group));
		HttpResponse<String> joinB = join(b, group, joinToken(group));
		HttpResponse<String> joinC = join(c, group, joinToken(group));
		grantToGroup(group, "movie");
		JsonNode bundle = awaitGroupBundle(group, 1);

		assertThat(joinA.statusCode()).as(joinA.body()).isEqualTo(201);
		assertThat(joinB.statusCode()).as(joinB.body()).isEqualTo(201);
		assertThat(joinC.statusCode()).isEqualTo(409);
		assertThat(HttpTester.json(joinC).path("code").asString()).isEqualTo("GROUP_FULL");
		GroupMembership membershipA = membership(a, joinA);
		GroupMembership membershipB = membership(b, joinB);
		// Exported on A as bytes, imported on B: the license opens there too.
		byte[] exported = bundle.path("licenses").get(0).path("license").asString().getBytes(StandardCharsets.US_ASCII);
		OpenedVoucher onB = opener().open(new String(exported, StandardCharsets.US_ASCII), membershipB);
		assertThat(keyBytes(onB.contentKeys())).isEqualTo(serverKeys("movie"));
		assertThat(opener().open(new String(exported, StandardCharsets.US_ASCII), membershipA).contentKeys())
			.hasSize(2);

		HttpResponse<String> leave = this.http
			.request("DELETE", "/device/v1/device-groups/" + group + "/members/" + b.fingerprint().value())
			.header("Authorization", "Device " + b.groupRequest(GroupRequest.Action.LEAVE, group, null))
			.send();
		String later = awaitGroupBundle(group, 2).path("licenses").get(0).path("license").asString();

		assertThat(leave.statusCode()).as(leave.body()).isEqualTo(200);
		assertThat(HttpTester.json(leave).path("generation").asLong()).isEqualTo(2);
		assertThatExceptionOfType(VoucherRejectedException.class).isThrownBy(() -> opener().open(later, membershipB))
			.satisfies((ex) -> assertThat(ex.reason())
				.isEqualTo(VoucherRejectedException.Reason.GROUP_GENERATION_MISMATCH));
		HttpResponse<String> refusedCredential = credential(b, group);
		assertThat(refusedCredential.statusCode()).isEqualTo(403);
		assertThat(HttpTester.json(refusedCredential).path("code").asString()).isEqualTo("GROUP_MEMBERSHIP_REQUIRED");
		assertThatExceptionOfType(VoucherRejectedException.class).isThrownBy(() -> opener().open(later, membershipA));
		GroupMembership refreshedA = membership(a, credential(a, group));
		assertThat(refreshedA.generation()).isEqualTo(2);
		assertThat(keyBytes(opener().open(later, refreshedA).contentKeys())).isEqualTo(serverKeys("movie"));
	}

	@Test
	void onlineLicenseForAGroupOpensWithTheGroupKeyAndIsRefusedToNonMembers() {
		String group = createGroup(3);
		TestDevice member = manufacturer.newDevice().build();
		TestDevice stranger = manufacturer.newDevice().build();
		GroupMembership membership = membership(member, join(member, group, joinToken(group)));

		JsonNode granted = license(groupChallenge(member, group));
		JsonNode refused = license(groupChallenge(stranger, group));

		assertThat(granted.path("status").asString()).as(granted.toString()).isEqualTo("OK");
		String voucher = new String(Base64.getDecoder().decode(granted.path("license").asString()),
				StandardCharsets.US_ASCII);
		assertThat(keyBytes(opener().open(voucher, membership).contentKeys())).isEqualTo(serverKeys("movie"));
		assertThatExceptionOfType(VoucherRejectedException.class)
			.isThrownBy(() -> opener().open(voucher, member.identity()))
			.satisfies((ex) -> assertThat(ex.reason()).isEqualTo(VoucherRejectedException.Reason.WRONG_BINDING_KIND));
		assertThat(refused.path("status").asString()).isEqualTo("NOT_A_GROUP_MEMBER");
	}

	@Test
	void tenConcurrentJoinsOnAGroupOfFiveEndWithFiveMembers() throws Exception {
		String group = createGroup(5);
		List<String> requests = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			TestDevice device = manufacturer.newDevice().build();
			requests.add(device.groupRequest(GroupRequest.Action.JOIN, group, joinToken(group)));
		}
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(10);
		List<Integer> statuses = new ArrayList<>();
		try {
			List<Future<Integer>> answers = new ArrayList<>();
			for (String request : requests) {
				answers.add(pool.submit(() -> {
					start.await();
					return this.http.request("POST", "/device/v1/device-groups/" + group + "/members")
						.header("Authorization", "Device " + request)
						.send()
						.statusCode();
				}));
			}
			start.countDown();
			for (Future<Integer> answer : answers) {
				statuses.add(answer.get());
			}
		}
		finally {
			pool.shutdownNow();
		}

		assertThat(statuses).filteredOn((status) -> status == 201).hasSize(5);
		assertThat(statuses).filteredOn((status) -> status == 409).hasSize(5);
		assertThat(getGroup(group).path("active_members").asInt()).isEqualTo(5);
	}

	@Test
	void revokedMemberLeavesItsGroupsAndTheKeyRolls() {
		String group = createGroup(5);
		TestDevice device = manufacturer.newDevice().build();
		join(device, group, joinToken(group));

		HttpResponse<String> revoked = this.http
			.request("POST", "/api/v1/devices/" + device.fingerprint().value() + "/revoke")
			.bearer(this.token)
			.json("{\"reason\": \"cloned\"}")
			.send();

		assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
		JsonNode after = getGroup(group);
		assertThat(after.path("generation").asLong()).isEqualTo(2);
		assertThat(after.path("members")).isEmpty();
	}

	@Test
	void factoryResetDeviceLeavesItsGroupsWhenItsRegistrationIsTransferred() {
		String group = createGroup(5);
		TestDevice device = manufacturer.newDevice().build();
		GeneratedId oldId = GeneratedId.random();
		assertThat(register(device, oldId).statusCode()).isEqualTo(201);
		join(device, group, joinToken(group));

		HttpResponse<String> transfer = this.http.request("POST", "/api/v1/registrations/" + oldId + "/transfer")
			.bearer(this.token)
			.json("{\"to_generated_id\": \"" + GeneratedId.random() + "\"}")
			.send();

		assertThat(transfer.statusCode()).as(transfer.body()).isEqualTo(200);
		JsonNode after = getGroup(group);
		assertThat(after.path("generation").asLong()).isEqualTo(2);
		assertThat(after.path("active_members").asInt()).isZero();
		assertThat(credential(device, group).statusCode()).isEqualTo(403);
	}

	@Test
	void joinTokensAndJoinRequestsAreSingleUse() {
		String group = createGroup(5);
		String joinToken = joinToken(group);
		TestDevice first = manufacturer.newDevice().build();
		TestDevice second = manufacturer.newDevice().build();
		String request = first.groupRequest(GroupRequest.Action.JOIN, group, joinToken);

		HttpResponse<String> joined = postJoin(group, request);
		HttpResponse<String> replayed = postJoin(group, request);
		HttpResponse<String> reused = join(second, group, joinToken);

		assertThat(joined.statusCode()).isEqualTo(201);
		assertThat(replayed.statusCode()).isEqualTo(409);
		assertThat(HttpTester.json(replayed).path("code").asString()).isEqualTo("DEVICE_REQUEST_REPLAYED");
		assertThat(reused.statusCode()).isEqualTo(403);
		assertThat(HttpTester.json(reused).path("code").asString()).isEqualTo("JOIN_TOKEN_REJECTED");
		assertThat(getGroup(group).path("active_members").asInt()).isEqualTo(1);
	}

	private HttpResponse<String> register(TestDevice device, GeneratedId id) {
		return this.http.request("POST", "/device/v1/registrations")
			.json("{\"registration\": \"" + device.register(id, this.provider) + "\"}")
			.send();
	}

	private String createGroup(int maxMembers) {
		HttpResponse<String> response = this.http.request("POST", "/api/v1/device-groups")
			.bearer(this.token)
			.json("{\"name\": \"Family\", \"max_members\": " + maxMembers + "}")
			.send();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return HttpTester.json(response).path("group_id").asString();
	}

	private JsonNode getGroup(String group) {
		return HttpTester.json(this.http.request("GET", "/api/v1/device-groups/" + group).bearer(this.token).send());
	}

	private String joinToken(String group) {
		HttpResponse<String> response = this.http.request("POST", "/api/v1/device-groups/" + group + "/join-tokens")
			.bearer(this.token)
			.json("{}")
			.send();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return HttpTester.json(response).path("token").asString();
	}

	private HttpResponse<String> join(TestDevice device, String group, String joinToken) {
		return postJoin(group, device.groupRequest(GroupRequest.Action.JOIN, group, joinToken));
	}

	private HttpResponse<String> postJoin(String group, String request) {
		return this.http.request("POST", "/device/v1/device-groups/" + group + "/members")
			.header("Authorization", "Device " + request)
			.send();
	}

	private HttpResponse<String> credential(TestDevice device, String group) {
		return this.http.request("GET", "/device/v1/device-groups/" + group + "/credential")
			.header("Authorization", "Device " + device.groupRequest(GroupRequest.Action.CREDENTIAL, group, null))
			.send();
	}

	private GroupMembership membership(TestDevice device, HttpResponse<String> credentialAnswer) {
		assertThat(credentialAnswer.statusCode()).as(credentialAnswer.body()).isBetween(200, 201);
		return new GroupCredentialOpener(LicenseTrust.pinning(this.keyMaterial.licenseRoot(), Clock.systemUTC()),
				Duration.ofMinutes(1))
			.open(HttpTester.json(credentialAnswer).path("credential").asString(), device.identity());
	}

	private void grantToGroup(String group, String contentId) {
		HttpResponse<String> response = this.http.request("POST", "/api/v1/entitlements")
			.bearer(this.token)
			.json("{\"group_id\": \"" + group + "\", \"content_id\": \"" + contentId
					+ "\", \"policy_name\": \"family\"}")
			.send();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		assertThat(HttpTester.json(response).path("job_id").asString()).isNotBlank();
	}

	private JsonNode awaitGroupBundle(String group, long generation) {
		Instant deadline = Instant.now().plus(WAIT);
		while (true) {
			HttpResponse<String> response = this.http.get("/device/v1/device-groups/" + group + "/licenses");
			assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
			JsonNode bundle = HttpTester.json(response);
			if (bundle.path("generation").asLong() == generation && bundle.path("licenses").size() == 1
					&& opener().inspect(bundle.path("licenses").get(0).path("license").asString())
						.binding() instanceof io.voucher.crypto.voucher.Binding.GroupBinding binding
					&& binding.generation() == generation) {
				return bundle;
			}
			assertThat(Instant.now()).as("group bundle %s", bundle).isBefore(deadline);
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	private String groupChallenge(TestDevice device, String group) {
		return Challenge.builder()
			.contentId("movie")
			.groupId(group)
			.clock(manufacturer.clock())
			.build()
			.signWith(device.identity());
	}

	private JsonNode license(String challenge) {
		HttpResponse<String> response = this.http.request("POST", "/api/v1/licenses")
			.bearer(this.token)
			.json("{\"payload\": \"" + challenge + "\", \"provider\": \"" + this.provider
					+ "\", \"policy_name\": \"family\", \"allowed_track_types\": \"SD_HD\"}")
			.send();
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return HttpTester.json(response);
	}

	private VoucherOpener opener() {
		return new VoucherOpener(LicenseTrust.pinning(this.keyMaterial.licenseRoot(), Clock.systemUTC()));
	}

	private Map<String, String> serverKeys(String contentId) {
		Map<String, String> keys = new TreeMap<>();
		for (ContentKeyMaterial key : this.contents.activeKeys(this.providerId, new ContentId(contentId))) {
			keys.put(key.keyId().toBase64Url(), HexFormat.of().formatHex(key.key().toByteArray()));
		}
		return keys;
	}

	private static Map<String, String> keyBytes(List<ContentKey> keys) {
		Map<String, String> result = new TreeMap<>();
		for (ContentKey key : keys) {
			result.put(key.keyId().toBase64Url(), HexFormat.of().formatHex(key.key().toByteArray()));
		}
		return result;
	}

}
