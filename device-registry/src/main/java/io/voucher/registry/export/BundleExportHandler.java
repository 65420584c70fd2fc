package io.voucher.registry.export;

import java.nio.file.Path;

import io.voucher.domain.jobs.Job;
import io.voucher.domain.jobs.JobHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Runs bundle exports as cluster jobs ({@value BundleExport#KIND}, scope = the folder's
 * absolute path), with progress in bundles.
 */
@Component
class BundleExportHandler implements JobHandler {

	private static final Logger logger = LoggerFactory.getLogger(BundleExportHandler.class);

	private final BundleExport export;

	BundleExportHandler(BundleExport export) {
		this.export = export;
	}

	@Override
	public String kind() {
		return BundleExport.KIND;
	}

	@Override
	public Outcome run(Job job, JobRun run) {
		ExportSummary summary;
		try {
			summary = this.export.export(Path.of(job.scope()), false, new BundleExport.Progress() {

				@Override
				public void total(long total) {
					run.total(total);
				}

				@Override
				public void done(long done) {
					run.progress(done, 0);
				}

				@Override
				public boolean shouldStop() {
					return run.shouldStop();
				}

			});
		}
		catch (ExportBusyException ex) {
			// Not a failure: the runner resumes an interrupted job a few seconds later,
			// so
			// this export runs once the other one has finished, and then finds little to
			// do.
			logger.info("Job {} waits: {}", job.id(), ex.getMessage());
			return Outcome.INTERRUPTED;
		}
		logger.debug("Job {}: {}", job.id(), summary);
		return summary.finished() ? Outcome.FINISHED : Outcome.INTERRUPTED;
	}

}
