package io.voucher.benchmark;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantConcurrentUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.responseTimeInMillis;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.core.CoreDsl.substring;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

/**
 * One phase of license requests ({@link Phase#current()}): each virtual user posts one
 * prepared license message. A fixed rate uses Gatling's open model (arrivals do not wait
 * for answers, so slow answers cannot hide latency); saturation uses the closed model (a
 * fixed number of requests in flight). Connections are shared and kept alive, as a
 * provider's backend would do. An answer counts as an error unless it is HTTP 200 with
 * status OK.
 */
public class LicenseSimulation extends Simulation {

	private static final String OK = "\"status\":\"OK\"";

	public LicenseSimulation() {
		Phase phase = Phase.current();
		HttpProtocolBuilder protocol = http.baseUrl(phase.baseUrl())
			.shareConnections()
			.disableWarmUp()
			.disableCaching()
			.contentTypeHeader("application/json")
			.acceptHeader("application/json")
			.authorizationHeader("Bearer " + phase.token());
		ScenarioBuilder licenses = scenario(phase.name()).feed(phase.feeder())
			.exec(http("license").post("/api/v1/licenses")
				.body(StringBody((session) -> session.getString("body")))
				// Saved first: a failing check stops the checks after it.
				.check(responseTimeInMillis().saveAs("millis"), status().saveAs("code"),
						substring(OK).count().saveAs("ok"), status().is(200), substring(OK).exists()))
			.exec((session) -> {
				boolean answered = session.contains("millis");
				boolean success = answered && session.contains("code") && session.getInt("code") == 200
						&& session.contains("ok") && session.getInt("ok") > 0;
				phase.recorder().record(answered ? session.getLong("millis") : -1, success);
				return session;
			});
		if (phase.fixedRate()) {
			setUp(licenses.injectOpen(constantUsersPerSec(phase.rate()).during(phase.duration()))).protocols(protocol);
		}
		else {
			setUp(licenses.injectClosed(constantConcurrentUsers(phase.concurrency()).during(phase.duration())))
				.protocols(protocol);
		}
	}

}
