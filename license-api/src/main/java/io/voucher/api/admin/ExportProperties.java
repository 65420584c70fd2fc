package io.voucher.api.admin;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The static export of out-of-band bundles.
 *
 * @param directory the folder that {@code POST /api/v1/admin/bundle-exports} and
 * {@code voucher export-bundles} export into, relative to the working directory unless
 * absolute; in a cluster, the same shared folder on every node that runs jobs
 */
@ConfigurationProperties("voucher.export")
public record ExportProperties(@DefaultValue("data/exports") Path directory) {

	/** The longest absolute folder path: an export job's scope holds it. */
	private static final int MAX_PATH_LENGTH = 300;

	public ExportProperties {
		if (directory.toAbsolutePath().normalize().toString().length() > MAX_PATH_LENGTH) {
			throw new IllegalArgumentException(
					"voucher.export.directory must be an absolute path of at most " + MAX_PATH_LENGTH + " characters");
		}
	}

	/**
	 * Returns the export folder as an absolute path.
	 * @return the absolute, normalized folder
	 */
	public Path absoluteDirectory() {
		return this.directory.toAbsolutePath().normalize();
	}

}
