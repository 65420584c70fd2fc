package io.voucher.api.jobs;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voucher.api.security.ProviderPrincipal;
import io.voucher.api.security.ProviderScope;
import io.voucher.api.web.ApiException;
import io.voucher.api.web.PageRequests;
import io.voucher.api.web.PageResponse;
import io.voucher.api.web.ProblemCode;
import io.voucher.domain.jobs.Job;
import io.voucher.domain.jobs.Job.JobStatus;
import io.voucher.domain.group.GroupService;
import io.voucher.domain.jobs.Jobs;
import io.voucher.registry.export.BundleExport;
import io.voucher.registry.registration.RegistrationService;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Progress of background jobs. A provider backend sees its own provider's jobs; admin
 * users see every job.
 */
@RestController
@RequestMapping("/api/v1/jobs")
@Tag(name = "Jobs", description = "Progress of pre-generation and export jobs")
class JobController {

	private final Jobs jobs;

	private final ProviderScope scope;

	private final RegistrationService registrations;

	private final GroupService groups;

	JobController(Jobs jobs, ProviderScope scope, RegistrationService registrations, GroupService groups) {
		this.jobs = jobs;
		this.scope = scope;
		this.registrations = registrations;
		this.groups = groups;
	}

	@GetMapping
	@Operation(operationId = "listJobs",
			summary = "List jobs, newest first, paged; a provider backend sees its own provider's jobs")
	PageResponse<JobResponse> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + PageRequests.DEFAULT_SIZE) int size,
			@Parameter(description = "QUEUED, RUNNING, SUCCEEDED or FAILED") @RequestParam(
					required = false) @Nullable String status,
			@Parameter(description = "PREGENERATION or BUNDLE_EXPORT") @RequestParam(
					required = false) @Nullable String kind,
			@Parameter(description = "Only this provider's jobs (admin users; a provider backend always sees "
					+ "its own)") @RequestParam(required = false) @Nullable String provider,
			Authentication authentication) {
		boolean everyProvider = !(authentication.getPrincipal() instanceof ProviderPrincipal)
				&& (provider == null || provider.isBlank());
		UUID providerId = everyProvider ? null : this.scope.resolve(authentication, provider).providerId();
		return PageResponse.of(this.jobs.list(providerId, status(status), blankToNull(kind),
				PageRequests.of(page, size, null, Map.of(), Sort.unsorted())), this::response);
	}

	private static @Nullable JobStatus status(@Nullable String status) {
		if (status == null || status.isBlank()) {
			return null;
		}
		try {
			return JobStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new ApiException(ProblemCode.VALIDATION_FAILED,
					"status must be QUEUED, RUNNING, SUCCEEDED or FAILED");
		}
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.trim().toUpperCase(Locale.ROOT);
	}

	@GetMapping("/{jobId}")
	@Operation(operationId = "getJob", summary = "Progress of a background job")
	JobResponse get(@PathVariable String jobId, Authentication authentication) {
		UUID id;
		try {
			id = UUID.fromString(jobId);
		}
		catch (IllegalArgumentException ex) {
			throw notFound();
		}
		Job job = this.jobs.find(id).orElseThrow(JobController::notFound);
		if (authentication.getPrincipal() instanceof ProviderPrincipal provider
				&& !provider.providerId().equals(job.providerId())) {
			throw notFound();
		}
		return response(job);
	}

	private JobResponse response(Job job) {
		return JobResponse.of(job, subject(job));
	}

	/**
	 * What a job works on, by the names the API uses elsewhere: a registration's
	 * generated ID, a group's group id, a content id or a policy name; null for what has
	 * no record.
	 */
	private @Nullable String subject(Job job) {
		String scope = job.scope();
		int colon = scope.indexOf(':');
		if (BundleExport.KIND.equals(job.kind()) || colon < 0) {
			return null;
		}
		String kind = scope.substring(0, colon);
		String value = scope.substring(colon + 1);
		return switch (kind) {
			case "content", "policy" -> scope;
			case "registration" -> rowId(value).flatMap(this.registrations::find)
				.map((registration) -> "generated-id:" + registration.generatedId())
				.orElse(null);
			case "group" ->
				rowId(value).flatMap(this.groups::find).map((group) -> "group-id:" + group.groupId()).orElse(null);
			default -> null;
		};
	}

	private static Optional<UUID> rowId(String value) {
		try {
			return Optional.of(UUID.fromString(value));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static ApiException notFound() {
		return new ApiException(ProblemCode.JOB_NOT_FOUND, "No such job");
	}

	@Schema(name = "Job", description = "A background job; a finished one can be looked up for "
			+ "voucher.jobs.retention (30 days by default), then it is deleted")
	record JobResponse(UUID id, @Schema(description = "PREGENERATION or BUNDLE_EXPORT") String kind,
			@Schema(description = "What it works on: a provider, registration or group; for an export, "
					+ "the configured export folder (not its path)") String scope,
			@Schema(description = "QUEUED, RUNNING, SUCCEEDED or FAILED") String status,
			@Schema(description = "Items in all, once known") @Nullable Long total,
			@Schema(description = "Items done so far") long done,
			@Schema(description = "Items that could not be done; a registration that failed is tried again "
					+ "later by another job") long failed,
			@Schema(description = "Runs started (more than one after an interruption)") int attempts,
			@Nullable String message, Instant createdAt, @Nullable Instant startedAt, @Nullable Instant finishedAt,
			@Schema(description = "The record the job works on, as kind:name — content:<content id>, "
					+ "policy:<name>, generated-id:<generated ID> or group-id:<group id>; absent when it has none "
					+ "(a provider's pending registrations, an export)") @Nullable String subject) {

		/** The scope shown for a bundle export. */
		static final String EXPORT_SCOPE = "voucher.export.directory";

		static JobResponse of(Job job, @Nullable String subject) {
			// An export's scope is the server's folder: no server path leaves the server.
			String scope = BundleExport.KIND.equals(job.kind()) ? EXPORT_SCOPE : job.scope();
			return new JobResponse(job.id(), job.kind(), scope, job.status().name(), job.total(), job.done(),
					job.failed(), job.attempts(), job.message(), job.createdAt(), job.startedAt(), job.finishedAt(),
					subject);
		}

	}

}
