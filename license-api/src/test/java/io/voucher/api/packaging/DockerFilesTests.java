package io.voucher.api.packaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The files in {@code docker/} cannot be run on machines without a Docker engine, so they
 * are checked offline: the compose file by Debian's {@code docker-compose config}, the
 * Dockerfile for the properties it promises.
 */
class DockerFilesTests {

	static final Path DOCKER = Path.of("..", "docker");

	@Test
	void composeFileIsValid() throws Exception {
		Path compose = DOCKER.resolve("compose.yaml");
		boolean installed = onPath("docker-compose");
		if (!installed && System.getenv("CI") != null) {
			throw new IllegalStateException("docker-compose is missing: .ci/run must install it");
		}
		assumeTrue(installed, "docker-compose is not installed (apt-get install docker-compose)");

		Process process = new ProcessBuilder("docker-compose", "-f", compose.toString(), "config", "-q")
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).as(output).isZero();
	}

	@Test
	void composeRunsTheAppWithPostgresql17() throws IOException {
		String compose = Files.readString(DOCKER.resolve("compose.yaml"));

		assertThat(compose).contains("image: postgres:17")
			.contains("postgres-data:/var/lib/postgresql/data")
			.contains("SPRING_DATASOURCE_URL: jdbc:postgresql://postgres:5432/")
			.contains("condition: service_healthy");
	}

	@Test
	void dockerfileIsMultiStageLayeredNonRootWithHealthcheck() throws IOException {
		List<String> lines = Files.readAllLines(DOCKER.resolve("Dockerfile"));

		assertThat(lines.stream().filter((line) -> line.startsWith("FROM "))).hasSize(2);
		assertThat(lines).anyMatch((line) -> line.contains("extract --layers"))
			.anyMatch((line) -> line.startsWith("USER ") && !line.contains("root"))
			.anyMatch((line) -> line.startsWith("HEALTHCHECK "));
	}

	private static boolean onPath(String command) {
		String path = System.getenv("PATH");
		if (path == null) {
			return false;
		}
		for (String directory : path.split(":")) {
			if (Files.isExecutable(Path.of(directory, command))) {
				return true;
			}
		}
		return false;
	}

}
