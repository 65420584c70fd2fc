package io.voucher.api.audit;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import io.voucher.api.testing.HttpTester;
import io.voucher.domain.audit.AuditTrail;
import io.voucher.domain.testing.PostgresTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The audit trail records who did what with which outcome, cannot be changed through the
 * database's normal paths, and its verification reports exactly the row that someone with
 * the power to bypass that edited or deleted.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "voucher.admin.initial-username=root",
				"voucher.admin.initial-password=" + AuditTrailTests.PASSWORD })
@PostgresTest
class AuditTrailTests {

	static final String PASSWORD = "audit trail admin password";

	@LocalServerPort
	int port;

	@Autowired
	AuditTrail trail;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	TransactionTemplate transaction;

	HttpTester http;

	String provider;

	String token;

	@BeforeEach
	void provider() {
		this.http = new HttpTester(this.port);
		this.provider = "audit-" + UUID.randomUUID().toString().substring(0, 8);
		admin("POST", "/api/v1/admin/providers", "{\"name\": \"" + this.provider + "\", \"display_name\": \"Audit\"}");
		this.token = HttpTester
			.json(admin("POST", "/api/v1/admin/providers/" + this.provider + "/credentials", "{\"label\": \"b\"}"))
			.path("token")
			.asString();
	}

	@Test
	void actionsAreRecordedWithActorAndOutcome() {
		this.http.request("POST", "/api/v1/policies").bearer(this.token).json("{\"name\": \"p1\"}").send();
		this.http.request("POST", "/api/v1/policies")
			.bearer(this.token)
			.json("{\"name\": \"p2\", \"license_duration_seconds\": -1}")
			.send();
		this.http.request("POST", "/api/v1/licenses")
			.bearer(this.token)
			.json("{\"payload\": \"not a challenge\", \"provider\": \"" + this.provider + "\"}")
			.send();

		JsonNode events = HttpTester.json(admin("GET", "/api/v1/admin/audit-events?provider=" + this.provider, null))
			.path("items");

		assertThat(events.findValuesAsString("action")).containsSequence("license.refuse", "POST /api/v1/policies",
				"POST /api/v1/policies");
		assertThat(events.get(0).path("detail").asString()).isEqualTo("INVALID_LICENSE_CHALLENGE");
		assertThat(events.get(1).path("outcome").asString()).isEqualTo("REFUSED");
		assertThat(events.get(2).path("outcome").asString()).isEqualTo("SUCCESS");
		assertThat(events.get(2).path("actor_type").asString()).isEqualTo("PROVIDER");
		assertThat(events.get(2).path("actor").asString()).startsWith(this.provider);
		JsonNode adminEvents = HttpTester
			.json(admin("GET", "/api/v1/admin/audit-events?actor=root&action=POST%20/api/v1/admin/providers", null))
			.path("items");
		assertThat(adminEvents.findValuesAsString("actor_type")).isNotEmpty().containsOnly("ADMIN");
	}

	@Test
	void eventsCannotBeEditedOrDeletedThroughTheTable() {
		this.http.request("POST", "/api/v1/policies").bearer(this.token).json("{\"name\": \"p1\"}").send();
		long id = lastEventId();

		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.update("UPDATE audit_event SET actor = 'mallory' WHERE id = ?", id));
		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> this.jdbc.update("DELETE FROM audit_event WHERE id = ?", id));
	}

	@Test
	void verificationReportsExactlyTheEditedAndTheDeletedRow() {
		for (int i = 0; i < 5; i++) {
			this.http.request("POST", "/api/v1/policies").bearer(this.token).json("{\"name\": \"p" + i + "\"}").send();
		}
		this.trail.seal();
		JsonNode intact = HttpTester.json(admin("GET", "/api/v1/admin/audit-events/verification", null));
		List<Long> ids = this.jdbc.queryForList(
				"SELECT id FROM audit_event WHERE action = 'POST /api/v1/policies' ORDER BY id DESC LIMIT 5",
				Long.class);
		long edited = ids.get(3);
		long deleted = ids.get(1);
		long afterDeleted = ids.get(0);

		// Someone with the database owner's power bypasses the append-only trigger.
		this.transaction.executeWithoutResult((status) -> {
			this.jdbc.execute("SET LOCAL session_replication_role = replica");
			this.jdbc.update("UPDATE audit_event SET actor = 'mallory' WHERE id = ?", edited);
			this.jdbc.update("DELETE FROM audit_event WHERE id = ?", deleted);
		});
		JsonNode broken = HttpTester.json(admin("GET", "/api/v1/admin/audit-events/verification", null));

		assertThat(intact.path("intact").asBoolean()).as(intact.toString()).isTrue();
		assertThat(intact.path("verified_events").asLong()).isGreaterThanOrEqualTo(5);
		assertThat(broken.path("intact").asBoolean()).isFalse();
		assertThat(broken.path("breaks").findValues("event_id").stream().map(JsonNode::asLong).toList())
			.containsExactly(edited, afterDeleted);
		assertThat(broken.path("breaks").get(0).path("reason").asString()).contains("edited");
		assertThat(broken.path("breaks").get(1).path("reason").asString()).contains("deleted");
	}

	private long lastEventId() {
		return this.jdbc.queryForObject("SELECT max(id) FROM audit_event", Long.class);
	}

	private HttpResponse<String> admin(String method, String path, String body) {
		HttpTester.Request request = this.http.request(method, path)
			.header("Authorization", "Basic "
					+ Base64.getEncoder().encodeToString(("root:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
		if (body != null) {
			request.json(body);
		}
		HttpResponse<String> response = request.send();
		assertThat(response.statusCode()).as(method + " " + path + " " + response.body()).isBetween(200, 299);
		return response;
	}

}
