package io.voucher.domain.jobs;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Background job settings of this node.
 *
 * @param enabled whether this node runs background jobs at all (a node can serve requests
 * only)
 * @param threads how many jobs this node runs at once
 * @param pollingInterval how often this node looks for due jobs
 * @param heartbeatInterval how often a running job is marked alive; a job whose node
 * stopped beating is picked up by another node after a few missed beats
 * @param retention how long a finished job (succeeded or failed) can still be looked up
 * before it is deleted
 */
@ConfigurationProperties("voucher.jobs")
public record JobProperties(@DefaultValue("true") boolean enabled, @DefaultValue("2") int threads,
		@DefaultValue("5s") Duration pollingInterval, @DefaultValue("30s") Duration heartbeatInterval,
		@DefaultValue("30d") Duration retention) {

	public JobProperties {
		if (threads < 1 || threads > 64) {
			throw new IllegalArgumentException("voucher.jobs.threads must be between 1 and 64");
		}
	}

}
