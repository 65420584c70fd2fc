package io.voucher.api.registration;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import javax.security.auth.x500.X500Principal;

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
import io.voucher.crypto.challenge.GeneratedId;
import io.voucher.crypto.pki.CertificatePem;
import io.voucher.domain.jobs.Job;
import io.voucher.registry.registration.Registration;
import io.voucher.registry.registration.RegistrationService;
import io.voucher.registry.registration.RegistrationService.Transfer;
import io.voucher.registry.registration.RegistrationStatus;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A provider's registrations: who registered which generated ID with which device, and
 * the transfer of a device's entitlements to its new generated ID after a factory reset.
 */
@RestController
@RequestMapping("/api/v1/registrations")
@Tag(name = "Registrations", description = "Registered generated IDs and the transfer after a factory reset")
class RegistrationController {

	private final RegistrationService registrations;

	private final ProviderScope scope;

	RegistrationController(RegistrationService registrations, ProviderScope scope) {
		this.registrations = registrations;
		this.scope = scope;
	}

	@GetMapping
	@Operation(operationId = "listRegistrations",
			summary = "List registrations, paged; filter by status or device, or search")
	PageResponse<RegistrationResponse> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + PageRequests.DEFAULT_SIZE) int size,
			@RequestParam(required = false) @Nullable String sort,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String fingerprint,
			@Parameter(description = "Search: a generated ID or fingerprint prefix, or part of the make or model "
					+ "(case-insensitive)") @RequestParam(required = false) @Nullable String q,
			@RequestParam(required = false) @Nullable String provider, Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		RegistrationStatus wanted = null;
		if (status != null) {
			try {
				wanted = RegistrationStatus.valueOf(status.toUpperCase(Locale.ROOT));
			}
			catch (IllegalArgumentException ex) {
				throw new ApiException(ProblemCode.VALIDATION_FAILED, "status must be ACTIVE, SUPERSEDED or REVOKED");
			}
		}
		return PageResponse.of(
				this.registrations.list(owner.providerId(), wanted, fingerprint,
						(q != null && !q.isBlank()) ? q.trim() : null, PageRequests.of(page, size, sort,
								RegistrationService.SORTABLE, Sort.by(Sort.Direction.DESC, "registered_at"))),
				RegistrationResponse::of);
	}

	@GetMapping("/{generatedId}")
	@Operation(operationId = "getRegistration", summary = "Get the registration of a generated ID")
	RegistrationResponse get(@PathVariable String generatedId,
			@RequestParam(required = false) @Nullable String provider, Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		return RegistrationResponse.of(this.registrations.get(owner.providerId(), generatedId));
	}

	@PostMapping("/{generatedId}/transfer")
	@Operation(operationId = "transferRegistration",
			summary = "After a device's factory reset: move its entitlements to its new generated ID",
			description = "The old registration becomes SUPERSEDED (its bundle answers 410, its licenses are "
					+ "withdrawn); licenses are pre-generated for the new ID once it is registered.")
	TransferResponse transfer(@PathVariable String generatedId, @RequestBody TransferRequest request,
			@RequestParam(required = false) @Nullable String provider, Authentication authentication) {
		ProviderPrincipal owner = this.scope.resolve(authentication, provider);
		if (request.toGeneratedId() == null) {
			throw new ApiException(ProblemCode.VALIDATION_FAILED, "to_generated_id is required");
		}
		GeneratedId to;
		try {
			to = new GeneratedId(request.toGeneratedId());
		}
		catch (IllegalArgumentException ex) {
			throw new ApiException(ProblemCode.VALIDATION_FAILED, "to_generated_id: " + ex.getMessage());
		}
		Transfer transfer = this.registrations.transfer(owner.providerId(), generatedId, to);
		Job job = transfer.job();
		return new TransferResponse(transfer.from(), transfer.to(), transfer.movedEntitlements(),
				(job != null) ? job.id() : null);
	}

	@Schema(name = "TransferRegistrationRequest")
	record TransferRequest(@Schema(description = "The device's new generated ID",
			requiredMode = Schema.RequiredMode.REQUIRED) @Nullable String toGeneratedId) {
	}

	@Schema(name = "RegistrationTransfer")
	record TransferResponse(String fromGeneratedId, String toGeneratedId,
			@Schema(description = "Entitlements moved to the new generated ID") int movedEntitlements,
			@Schema(description = "The job pre-generating the new ID's licenses, when it is registered") @Nullable UUID jobId) {
	}

	@Schema(name = "Registration")
	record RegistrationResponse(String generatedId,
			@Schema(description = "base64url SHA-256 of the device certificate") String fingerprint, String make,
			String model, int securityLevel, String maxHdcp,
			@Schema(description = "ACTIVE, SUPERSEDED or REVOKED") String status, Instant registeredAt,
			@Nullable Instant endedAt, @Nullable String supersededBy, long bundleVersion,
			@Schema(description = "The device certificate the generated ID was registered with") CertificateDetails certificate) {

		static RegistrationResponse of(Registration registration) {
			return new RegistrationResponse(registration.generatedId(), registration.fingerprint(), registration.make(),
					registration.model(), registration.securityLevel(), registration.maxHdcp().name(),
					registration.status().name(), registration.registeredAt(), registration.endedAt(),
					registration.supersededBy(), registration.bundleVersion(),
					CertificateDetails.of(CertificatePem.decode(registration.certificateChainPem())));
		}

	}

	@Schema(name = "CertificateDetails", description = "A device certificate, as an operator reads it")
	record CertificateDetails(@Schema(description = "Subject, RFC 2253") String subject,
			@Schema(description = "Issuer, RFC 2253") String issuer,
			@Schema(description = "Serial number, hexadecimal") String serialNumber, Instant notBefore,
			Instant notAfter, @Schema(description = "EC or RSA") String keyAlgorithm,
			@Schema(description = "Certificates in the chain, the device's first") int chainLength) {

		static CertificateDetails of(List<X509Certificate> chain) {
			X509Certificate device = chain.get(0);
			return new CertificateDetails(device.getSubjectX500Principal().getName(X500Principal.RFC2253),
					device.getIssuerX500Principal().getName(X500Principal.RFC2253),
					device.getSerialNumber().toString(16), device.getNotBefore().toInstant(),
					device.getNotAfter().toInstant(), device.getPublicKey().getAlgorithm(), chain.size());
		}

	}

}
