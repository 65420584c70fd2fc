package io.voucher.domain.testing;

import java.nio.file.Files;
import java.nio.file.Path;

import org.testcontainers.DockerClientFactory;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when a Docker engine answers, so that Testcontainers can be used.
 */
final class DockerAvailable implements Condition {

	private static volatile Boolean available;

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return isAvailable();
	}

	static boolean isAvailable() {
		Boolean result = available;
		if (result == null) {
			result = probe();
			available = result;
		}
		return result;
	}

	private static boolean probe() {
		boolean configured = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
				|| Files.exists(Path.of(System.getProperty("user.home"), ".testcontainers.properties"));
		if (!configured) {
			// Nothing points at an engine: skip the slow probe of every strategy.
			return false;
		}
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * Matches when no Docker engine answers.
	 */
	static final class Not implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			return !isAvailable();
		}

	}

}
