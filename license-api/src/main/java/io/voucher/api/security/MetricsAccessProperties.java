package io.voucher.api.security;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Who may read the operations endpoints other than health ({@code /actuator/prometheus},
 * {@code /actuator/info}): callers that send {@code Authorization: Bearer <token>}.
 *
 * @param token the scrape token; unset means one generated on first start and kept in
 * {@code tokenFile}
 * @param tokenFile where a generated token is kept, owner-only (mode 0600)
 */
@ConfigurationProperties("voucher.metrics")
public record MetricsAccessProperties(@Nullable String token, @DefaultValue("data/metrics-token") Path tokenFile) {

	@Override
	public String toString() {
		return "MetricsAccessProperties[token=" + ((this.token != null) ? "******" : "unset") + ", tokenFile="
				+ this.tokenFile + "]";
	}

}
