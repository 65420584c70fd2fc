package io.voucher.api.admin;

import java.net.URI;
import java.nio.file.Path;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voucher.domain.jobs.Job;
import io.voucher.registry.export.BundleExport;
import io.voucher.registry.export.ExportSummary;
import org.jspecify.annotations.Nullable;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts the static export of out-of-band bundles into the configured folder, as a
 * cluster job whose progress {@code GET /api/v1/jobs/{jobId}} shows.
 */
@RestController
@RequestMapping("/api/v1/admin/bundle-exports")
@Tag(name = "Admin: bundle exports", description = "Static export of out-of-band bundles for any HTTP server or CDN")
class BundleExportController {

	private final BundleExport export;

	private final ExportProperties properties;

	BundleExportController(BundleExport export, ExportProperties properties) {
		this.export = export;
		this.properties = properties;
	}

	@PostMapping
	@Operation(operationId = "exportBundles",
			summary = "Export every active registration's bundle as static files into the configured folder",
			description = "202 with the job running the export (follow it at GET /api/v1/jobs/{job_id}). Only bundles "
					+ "whose version changed since the last export are written; files of ended registrations are "
					+ "deleted. With dry_run=true nothing is queued or written: 200 with what an export would do.")
	ResponseEntity<BundleExportResponse> export(
			@Parameter(description = "Count what would be written and deleted, write nothing") @RequestParam(
					name = "dry_run", defaultValue = "false") boolean dryRun) {
		Path directory = this.properties.absoluteDirectory();
		if (dryRun) {
			ExportSummary summary = this.export.export(directory, true);
			return ResponseEntity
				.ok(new BundleExportResponse(null, true, summary.written(), summary.unchanged(), summary.deleted()));
		}
		Job job = this.export.enqueue(directory);
		return ResponseEntity.accepted()
			.location(URI.create("/api/v1/jobs/" + job.id()))
			.body(new BundleExportResponse(job.id(), false, null, null, null));
	}

	/**
	 * What the export does; the folder on the server ({@code voucher.export.directory})
	 * is not shown: no server path leaves the server.
	 */
	@Schema(name = "BundleExport", description = "An export into the configured folder (voucher.export.directory)")
	record BundleExportResponse(@Schema(description = "The export job; absent for a dry run") @Nullable UUID jobId,
			boolean dryRun,
			@Schema(description = "Dry run: bundle files that would be written") @Nullable Integer written,
			@Schema(description = "Dry run: bundle files that are up to date") @Nullable Integer unchanged,
			@Schema(description = "Dry run: bundle files that would be deleted") @Nullable Integer deleted) {
	}

}
