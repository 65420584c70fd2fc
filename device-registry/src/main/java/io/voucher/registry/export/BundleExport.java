package io.voucher.registry.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.voucher.domain.jobs.Job;
import io.voucher.domain.jobs.Jobs;
import io.voucher.registry.pregeneration.Bundles;
import io.voucher.registry.pregeneration.Bundles.Bundle;
import io.voucher.registry.registration.RegistrationException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Exports the bundle of every active registration as {@code <generatedId>.json} into a
 * folder that any HTTP server or CDN can serve, plus an {@code index.json} that lists the
 * exported generated IDs with their bundle versions and the export time.
 *
 * <p>
 * Exports are incremental: a bundle file is rewritten only when its bundle version
 * differs from the one in the previous {@code index.json} (or the file is missing), and
 * the files of registrations that are no longer active are deleted. Every file is written
 * to a temporary file in the same folder and then renamed over the old one, so that a
 * reader sees the old file or the new one, never a part of either. Exports into one
 * folder take turns across the cluster (a PostgreSQL advisory lock), so that a slower
 * export never puts back an older bundle than a faster one wrote.
 */
@Service
public class BundleExport {

	/** The job kind of an export; its scope is the absolute path of the folder. */
	public static final String KIND = "BUNDLE_EXPORT";

	/** The index file: every exported generated ID. Not for the public. */
	public static final String INDEX_FILE = "index.json";

	/** The longest job scope the job table takes. */
	private static final int MAX_SCOPE_LENGTH = 300;

	/**
	 * Bundle files; the name is a generated ID, which {@code GeneratedId} restricts to
	 * this.
	 */
	private static final Pattern BUNDLE_FILE = Pattern.compile("([A-Za-z0-9_-]{22,64})\\.json");

	/** Hidden, so that a web server configured as documented never serves one. */
	private static final Pattern TEMP_FILE = Pattern.compile("\\..+\\.tmp");

	/** How often progress is written, in bundles. */
	private static final int PROGRESS_EVERY = 100;

	/**
	 * First half of the advisory lock key of exports ("VBEX"); the folder is the second.
	 */
	private static final int LOCK_CLASS = 0x56424558;

	private static final Logger logger = LoggerFactory.getLogger(BundleExport.class);

	private final Bundles bundles;

	private final Jobs jobs;

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	private final Clock clock;

	BundleExport(Bundles bundles, Jobs jobs, JdbcTemplate jdbc, JsonMapper jsonMapper, Clock clock) {
		this.bundles = bundles;
		this.jobs = jobs;
		this.jdbc = jdbc;
		// Spring's mapper, so that a file is written exactly as the HTTP bundle is; the
		// naming is forced because the files are a published format that configuration
		// must not change.
		this.json = jsonMapper.rebuild().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE).build();
		this.clock = clock;
	}

	/**
	 * Queues an export as a cluster job; any node that runs jobs runs it, so the folder
	 * must be the same path on every such node (a shared volume).
	 * @param directory the folder to export into
	 * @return the queued job
	 * @throws IllegalArgumentException when the folder's absolute path is too long to be
	 * a job's scope
	 */
	public Job enqueue(Path directory) {
		String scope = directory.toAbsolutePath().normalize().toString();
		if (scope.length() > MAX_SCOPE_LENGTH) {
			throw new IllegalArgumentException(
					"The export folder's absolute path is longer than " + MAX_SCOPE_LENGTH + " characters");
		}
		return this.jobs.enqueue(KIND, null, scope);
	}

	/**
	 * Exports every active registration's bundle into a folder, creating it if needed.
	 * @param directory the folder
	 * @param dryRun count what would be written and deleted, and write nothing
	 * @return what was done
	 * @throws ExportBusyException when another export into that folder is running
	 * @throws UncheckedIOException when the folder cannot be written
	 */
	public ExportSummary export(Path directory, boolean dryRun) {
		return export(directory, dryRun, Progress.NONE);
	}

	/**
	 * Exports every active registration's bundle into a folder, creating it if needed,
	 * reporting progress and stopping early when asked to.
	 * @param directory the folder
	 * @param dryRun count what would be written and deleted, and write nothing
	 * @param progress where progress goes
	 * @return what was done
	 * @throws ExportBusyException when another export into that folder is running
	 * @throws UncheckedIOException when the folder cannot be written
	 */
	public ExportSummary export(Path directory, boolean dryRun, Progress progress) {
		Path folder = directory.toAbsolutePath().normalize();
		if (Files.exists(folder) && !Files.isDirectory(folder)) {
			throw new UncheckedIOException(new IOException(folder + " exists and is not a folder"));
		}
		if (dryRun) {
			return run(folder, true, progress);
		}
		// A session lock on a connection held for the export: released when the export
		// ends, and by PostgreSQL if this node dies.
		ExportSummary summary = this.jdbc.execute((ConnectionCallback<ExportSummary>) (connection) -> {
			int key = folder.toString().hashCode();
			if (!advisoryLock(connection, "SELECT pg_try_advisory_lock(?, ?)", key)) {
				throw new ExportBusyException(folder);
			}
			try {
				return run(folder, false, progress);
			}
			finally {
				advisoryLock(connection, "SELECT pg_advisory_unlock(?, ?)", key);
			}
		});
		logger.info("{}", summary);
		return summary;
	}

	private static boolean advisoryLock(Connection connection, String sql, int key) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setInt(1, LOCK_CLASS);
			statement.setInt(2, key);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

	private ExportSummary run(Path folder, boolean dryRun, Progress progress) {
		Instant exportedAt = this.clock.instant();
		if (!dryRun) {
			createFolder(folder);
			removeTempFiles(folder);
		}
		Map<String, Long> previous = readIndex(folder);
		List<Listed> active = this.jdbc.query(
				"SELECT generated_id, bundle_version FROM registration WHERE status = 'ACTIVE' ORDER BY generated_id",
				(row, index) -> new Listed(row.getString(1), row.getLong(2)));
		progress.total(active.size());
		Map<String, Long> index = new TreeMap<>(previous);
		Set<String> exported = new HashSet<>();
		int written = 0;
		int unchanged = 0;
		long done = 0;
		for (Listed listed : active) {
			if (progress.shouldStop()) {
				// What is written so far is recorded, so that the resumed export skips
				// it.
				if (!dryRun) {
					writeIndex(folder, exportedAt, index);
				}
				progress.done(done);
				return new ExportSummary(folder, dryRun, written, unchanged, 0, exportedAt, false);
			}
			String generatedId = listed.generatedId();
			Path file = bundleFile(folder, generatedId);
			Long before = previous.get(generatedId);
			if (before != null && before == listed.version() && Files.isRegularFile(file)) {
				unchanged++;
				exported.add(generatedId);
			}
			else if (dryRun) {
				written++;
				exported.add(generatedId);
			}
			else {
				Bundle bundle = bundleOrNull(generatedId);
				if (bundle != null) {
					writeAtomically(folder, file, this.json.writeValueAsBytes(BundleDocument.of(bundle)));
					index.put(generatedId, bundle.version());
					exported.add(generatedId);
					written++;
				}
			}
			done++;
			if (done % PROGRESS_EVERY == 0) {
				progress.done(done);
			}
		}
		int deleted = deleteOthers(folder, exported, dryRun);
		index.keySet().retainAll(exported);
		if (!dryRun) {
			writeIndex(folder, exportedAt, index);
		}
		progress.done(done);
		return new ExportSummary(folder, dryRun, written, unchanged, deleted, exportedAt, true);
	}

	private @Nullable Bundle bundleOrNull(String generatedId) {
		try {
			return this.bundles.bundle(generatedId);
		}
		catch (RegistrationException ex) {
			// Ended since it was listed: its file is deleted with the others.
			return null;
		}
	}

	private static Path bundleFile(Path folder, String generatedId) {
		Path file = folder.resolve(generatedId + ".json");
		// Registration validates generated IDs; this keeps a file name from ever leaving
		// the folder, whatever is in the table.
		if (!BUNDLE_FILE.matcher(file.getFileName().toString()).matches() || !folder.equals(file.getParent())) {
			throw new IllegalStateException("A registration has a generated ID that cannot be a file name");
		}
		return file;
	}

	/**
	 * Deletes every bundle file of the folder whose generated ID was not exported: found
	 * by listing the folder rather than from the index, so that a lost index cannot leave
	 * the bundle of an ended registration online.
	 */
	private static int deleteOthers(Path folder, Set<String> exported, boolean dryRun) {
		if (!Files.isDirectory(folder)) {
			return 0;
		}
		int deleted = 0;
		try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.json")) {
			for (Path file : files) {
				Matcher name = BUNDLE_FILE.matcher(file.getFileName().toString());
				if (name.matches() && !exported.contains(name.group(1)) && Files.isRegularFile(file)) {
					if (!dryRun) {
						Files.delete(file);
					}
					deleted++;
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not delete stale bundles in " + folder, ex);
		}
		return deleted;
	}

	private Map<String, Long> readIndex(Path folder) {
		Path file = folder.resolve(INDEX_FILE);
		Map<String, Long> versions = new TreeMap<>();
		if (!Files.isRegularFile(file)) {
			return versions;
		}
		try {
			JsonNode bundles = this.json.readTree(Files.readAllBytes(file)).path("bundles");
			for (JsonNode entry : bundles) {
				versions.put(entry.path("generated_id").asString(), entry.path("version").asLong());
			}
			return versions;
		}
		catch (IOException | JacksonException ex) {
			// Rewriting every bundle is slower but always right.
			logger.warn("Could not read {} ({}); every bundle is written again", file, ex.getMessage());
			return new TreeMap<>();
		}
	}

	private void writeIndex(Path folder, Instant exportedAt, Map<String, Long> versions) {
		List<IndexEntry> entries = new ArrayList<>(versions.size());
		versions.forEach((generatedId, version) -> entries.add(new IndexEntry(generatedId, version)));
		writeAtomically(folder, folder.resolve(INDEX_FILE),
				this.json.writeValueAsBytes(new IndexDocument(exportedAt, entries)));
	}

	private static void writeAtomically(Path folder, Path target, byte[] content) {
		Path temp = folder.resolve("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
		try {
			// Created with the default permissions (umask), unlike Files.createTempFile's
			// owner-only ones, so that the web server can read the renamed file.
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
					StandardOpenOption.WRITE)) {
				ByteBuffer buffer = ByteBuffer.wrap(content);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				// On disk before it gets its name: a crash must not leave a truncated
				// bundle under the real name.
				channel.force(true);
			}
			// rename(2): replaces the old file in one step.
			Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			try {
				Files.deleteIfExists(temp);
			}
			catch (IOException cleanup) {
				ex.addSuppressed(cleanup);
			}
			throw new UncheckedIOException("Could not write " + target, ex);
		}
	}

	private static void createFolder(Path folder) {
		try {
			Files.createDirectories(folder);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create the export folder " + folder, ex);
		}
	}

	/**
	 * Removes what an export that died half-way left behind; safe because exports into
	 * the folder take turns.
	 */
	private static void removeTempFiles(Path folder) {
		try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, ".*.tmp")) {
			for (Path file : files) {
				if (TEMP_FILE.matcher(file.getFileName().toString()).matches() && Files.isRegularFile(file)) {
					Files.deleteIfExists(file);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not clean up the export folder " + folder, ex);
		}
	}

	/**
	 * Where an export reports its progress, and asks whether to stop.
	 */
	public interface Progress {

		/** Reports nothing and never stops. */
		Progress NONE = new Progress() {
		};

		/**
		 * Records how many bundles the export has in all.
		 * @param total the number of active registrations
		 */
		default void total(long total) {
		}

		/**
		 * Records how many bundles are done (written or found unchanged).
		 * @param done bundles done so far
		 */
		default void done(long done) {
		}

		/**
		 * Tells whether the export should stop at the next bundle; what it wrote so far
		 * is kept and recorded in the index.
		 * @return whether to stop
		 */
		default boolean shouldStop() {
			return false;
		}

	}

	private record Listed(String generatedId, long version) {
	}

	/**
	 * A bundle file: the same fields as the HTTP bundle ({@code GET
	 * /device/v1/registrations/{generatedId}/licenses}).
	 */
	record BundleDocument(String generatedId, long version, List<LicenseDocument> licenses) {

		static BundleDocument of(Bundle bundle) {
			return new BundleDocument(bundle.generatedId(), bundle.version(),
					bundle.licenses()
						.stream()
						.map((license) -> new LicenseDocument(license.licenseId(), license.contentId(),
								license.license(), license.issuedAt(), license.expiresAt()))
						.toList());
		}

	}

	record LicenseDocument(String licenseId, String contentId, String license, Instant issuedAt, Instant expiresAt) {
	}

	record IndexDocument(Instant exportedAt, List<IndexEntry> bundles) {
	}

	record IndexEntry(String generatedId, long version) {
	}

}
