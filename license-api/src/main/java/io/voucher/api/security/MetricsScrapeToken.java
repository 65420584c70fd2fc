package io.voucher.api.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import io.voucher.crypto.keys.OwnerOnlyFiles;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.StringUtils;

/**
 * The bearer token that opens the metrics and info endpoints: the configured one, or one
 * generated on first start and kept owner-only in a file, where Prometheus (or the
 * operator) reads it. It never prints itself.
 */
final class MetricsScrapeToken {

	private static final Logger logger = LoggerFactory.getLogger(MetricsScrapeToken.class);

	private final byte[] digest;

	private MetricsScrapeToken(String token) {
		this.digest = sha256(token);
	}

	static MetricsScrapeToken of(MetricsAccessProperties properties) {
		if (StringUtils.hasText(properties.token())) {
			return new MetricsScrapeToken(properties.token());
		}
		Path file = properties.tokenFile().toAbsolutePath().normalize();
		try {
			Path parent = file.getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			boolean created = !Files.exists(file);
			String token = OwnerOnlyFiles.secret(file);
			if (created) {
				logger.info("Generated the metrics scrape token (voucher.metrics.token) into {}", file);
			}
			return new MetricsScrapeToken(token);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read or write the metrics scrape token file " + file, ex);
		}
	}

	/**
	 * Tells, in constant time, whether a presented token is this one.
	 * @param presented the token a caller sent, if any
	 * @return whether it matches
	 */
	boolean matches(@Nullable String presented) {
		return presented != null && MessageDigest.isEqual(this.digest, sha256(presented));
	}

	private static byte[] sha256(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return "MetricsScrapeToken[******]";
	}

}
