package io.voucher.registry.export;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What an export did (or, for a dry run, would do).
 *
 * @param directory the folder exported into
 * @param dryRun whether nothing was written
 * @param written bundle files written because they were new or their version changed
 * @param unchanged bundle files left as they were
 * @param deleted bundle files deleted because their registration is no longer active
 * @param exportedAt when the export started
 * @param finished whether every bundle was done; {@code false} when the export stopped
 * early because the node is stopping
 */
public record ExportSummary(Path directory, boolean dryRun, int written, int unchanged, int deleted, Instant exportedAt,
		boolean finished) {

	@Override
	public String toString() {
		return (this.dryRun ? "Dry run of the bundle export into " : "Bundle export into ") + this.directory + ": "
				+ this.written + (this.dryRun ? " to write, " : " written, ") + this.unchanged + " unchanged, "
				+ this.deleted + (this.dryRun ? " to delete" : " deleted") + (this.finished ? "" : " (stopped early)");
	}

}
