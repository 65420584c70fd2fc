package io.voucher.api.admin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voucher.api.web.ApiException;
import io.voucher.api.web.ProblemCode;
import io.voucher.domain.provider.ProviderService;
import io.voucher.registry.activity.ActivityReport;
import io.voucher.registry.activity.ActivityReports;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The console's dashboard: license answers by status, registrations and pre-generation
 * over time, and the platform's counts.
 */
@RestController
@RequestMapping("/api/v1/admin/dashboard")
@Tag(name = "Admin: dashboard", description = "The platform's activity over time")
class DashboardController {

	private static final long MAX_HOURS = ActivityReports.MAX_WINDOW.toHours();

	private final ActivityReports reports;

	private final ProviderService providers;

	DashboardController(ActivityReports reports, ProviderService providers) {
		this.reports = reports;
		this.providers = providers;
	}

	@GetMapping
	@Operation(operationId = "getDashboard",
			summary = "Activity of the last hours: license answers by status, registrations, pre-generation",
			description = "Buckets are 5 minutes long for up to 6 hours, 1 hour for up to 3 days, else 1 day. "
					+ "Series are sparse: buckets with nothing in them are left out.")
	DashboardResponse get(
			@Parameter(description = "How many hours back, 1 to 720") @RequestParam(defaultValue = "24") int hours,
			@Parameter(description = "Only this provider's activity") @RequestParam(
					required = false) @Nullable String provider) {
		if (hours < 1 || hours > MAX_HOURS) {
			throw new ApiException(ProblemCode.VALIDATION_FAILED, "hours must be between 1 and " + MAX_HOURS);
		}
		UUID providerId = (provider != null && !provider.isBlank()) ? this.providers.get(provider).id() : null;
		return DashboardResponse.of(this.reports.report(Duration.ofHours(hours), providerId));
	}

	@Schema(name = "Dashboard")
	record DashboardResponse(@Schema(description = "Start of the first bucket") Instant from, Instant to,
			@Schema(description = "Length of a bucket") long bucketSeconds, Totals totals,
			@Schema(description = "Online license answers per bucket: status OK for an issued license, "
					+ "else the refusal status") List<StatusCount> licenseRequests,
			@Schema(description = "New registrations per bucket") List<Count> registrations,
			Pregeneration pregeneration) {

		static DashboardResponse of(ActivityReport report) {
			ActivityReport.Totals t = report.totals();
			ActivityReport.Pregeneration p = report.pregeneration();
			return new DashboardResponse(report.from(), report.to(), report.bucket().toSeconds(),
					new Totals(t.providers(), t.activeRegistrations(), t.devices(), t.revokedDevices(),
							t.deviceGroups(), t.licensesIssued(), t.licensesRefused()),
					report.licenseAnswers()
						.stream()
						.map((c) -> new StatusCount(c.bucketStart(), c.status(), c.count()))
						.toList(),
					counts(report.registrations()),
					new Pregeneration(p.backlog(), p.jobsQueued(), p.jobsRunning(), counts(p.generated())));
		}

		private static List<Count> counts(List<ActivityReport.Count> counts) {
			return counts.stream().map((c) -> new Count(c.bucketStart(), c.count())).toList();
		}

	}

	@Schema(name = "DashboardTotals")
	record Totals(long providers, @Schema(description = "Registrations in force") long activeRegistrations,
			@Schema(description = "Distinct device certificates with a registration in force") long devices,
			@Schema(description = "Devices revoked for the whole platform; for one provider, its registered devices "
					+ "revoked for the platform and the devices it blocked") long revokedDevices,
			@Schema(description = "Device groups not deleted") long deviceGroups,
			@Schema(description = "Licenses issued online within the window") long licensesIssued,
			@Schema(description = "License requests refused within the window") long licensesRefused) {
	}

	@Schema(name = "DashboardCount")
	record Count(Instant bucketStart, long count) {
	}

	@Schema(name = "DashboardStatusCount")
	record StatusCount(Instant bucketStart, @Schema(description = "OK or a refusal status") String status, long count) {
	}

	@Schema(name = "DashboardPregeneration")
	record Pregeneration(@Schema(description = "Registrations waiting for their first licenses") long backlog,
			long jobsQueued, long jobsRunning,
			@Schema(description = "Licenses pre-generated per bucket, for devices and groups") List<Count> generated) {
	}

}
