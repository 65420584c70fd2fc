package io.voucher.api.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics scrape token: configured, or generated once into an owner-only file.
 */
class MetricsScrapeTokenTests {

	@TempDir
	Path work;

	@Test
	void unsetTokenIsGeneratedOnceIntoAnOwnerOnlyFileAndMatchesOnlyItself() throws Exception {
		Path file = this.work.resolve("data").resolve("metrics-token");
		MetricsScrapeToken first = MetricsScrapeToken.of(new MetricsAccessProperties(null, file));
		String generated = Files.readString(file);
		MetricsScrapeToken second = MetricsScrapeToken.of(new MetricsAccessProperties("", file));

		assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
		assertThat(generated).hasSizeGreaterThanOrEqualTo(43);
		assertThat(Files.readString(file)).as("kept across restarts").isEqualTo(generated);
		assertThat(first.matches(generated)).isTrue();
		assertThat(second.matches(generated)).isTrue();
		assertThat(first.matches(generated + "x")).isFalse();
		assertThat(first.matches("")).isFalse();
		assertThat(first.matches(null)).isFalse();
		assertThat(first.toString()).doesNotContain(generated);
	}

	@Test
	void configuredTokenIsUsedAndNoFileIsWritten() {
		Path file = this.work.resolve("metrics-token");
		MetricsAccessProperties properties = new MetricsAccessProperties("configured-token", file);
		MetricsScrapeToken token = MetricsScrapeToken.of(properties);

		assertThat(token.matches("configured-token")).isTrue();
		assertThat(token.matches("configured-token ")).isFalse();
		assertThat(file).doesNotExist();
		assertThat(properties.toString()).doesNotContain("configured-token");
	}

}
