package io.voucher.api.registration;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voucher.api.audit.AuditRecorder;
import io.voucher.api.metrics.BundleMetrics;
import io.voucher.api.metrics.CryptoTimers;
import io.voucher.api.metrics.RegistrationMetrics;
import io.voucher.api.metrics.RegistrationMetrics.Outcome;
import io.voucher.api.web.ApiException;
import io.voucher.api.web.BundleCaching;
import io.voucher.api.web.ProblemCode;
import io.voucher.crypto.challenge.ChallengeRejectedException;
import io.voucher.crypto.challenge.ChallengeVerifier;
import io.voucher.crypto.challenge.VerifiedRegistration;
import io.voucher.domain.provider.ProviderNotFoundException;
import io.voucher.registry.admission.DeviceRefusedException;
import io.voucher.registry.pregeneration.Bundles;
import io.voucher.registry.pregeneration.Bundles.Bundle;
import io.voucher.registry.registration.Registration;
import io.voucher.registry.registration.RegistrationException;
import io.voucher.registry.registration.RegistrationService;
import io.voucher.registry.registration.RegistrationService.Registered;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * The device side of out-of-band licenses (Primetime's {@code DRMManager.authenticate}
 * with a generated ID): register a generated ID with the device certificate, then fetch
 * the bundle of licenses pre-generated for it, from here or from any copy of it.
 */
@RestController
@RequestMapping("/device/v1/registrations")
@Tag(name = "Device", description = "Device API: individualization, trust and revocation list")
class DeviceRegistrationController {

	private static final Logger logger = LoggerFactory.getLogger(DeviceRegistrationController.class);

	private final ChallengeVerifier verifier;

	private final RegistrationService registrations;

	private final Bundles bundles;

	private final CryptoTimers crypto;

	private final RegistrationMetrics registrationMetrics;

	private final BundleMetrics bundleMetrics;

	DeviceRegistrationController(ChallengeVerifier verifier, RegistrationService registrations, Bundles bundles,
			CryptoTimers crypto, RegistrationMetrics registrationMetrics, BundleMetrics bundleMetrics) {
		this.verifier = verifier;
		this.registrations = registrations;
		this.bundles = bundles;
		this.crypto = crypto;
		this.registrationMetrics = registrationMetrics;
		this.bundleMetrics = bundleMetrics;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "registerDevice",
			summary = "Register a generated ID with the device certificate (signed by the device key)",
			description = "201 for a new registration, 200 when the same ID and certificate register again, "
					+ "409 REGISTRATION_CONFLICT for another certificate, 410 REGISTRATION_GONE for an ID whose "
					+ "registration ended, 403 DEVICE_REVOKED for a certificate or key revoked for the platform, 403 DEVICE_BLOCKED "
					+ "when the provider blocked the device, 403 DEVICE_NOT_ADMITTED when the provider's device admission "
					+ "refuses its root or security level. Licenses are pre-generated "
					+ "in the background; the answer says where the bundle will be.")
	ResponseEntity<DeviceRegistrationResponse> register(@Valid @RequestBody DeviceRegistrationRequest request,
			HttpServletRequest http) {
		VerifiedRegistration verified;
		try {
			String registration = request.registration().trim();
			verified = this.crypto.time(CryptoTimers.Operation.VERIFY_REGISTRATION,
					() -> this.verifier.verifyRegistration(registration));
		}
		catch (ChallengeRejectedException ex) {
			this.registrationMetrics.record(null, Outcome.REJECTED);
			throw new ApiException(ProblemCode.INVALID_REGISTRATION,
					"The registration request was refused (" + ex.reason() + "): " + ex.getMessage());
		}
		AuditRecorder.device(http, verified.device().fingerprint().value());
		Registered registered = register(verified);
		DeviceRegistrationResponse body = DeviceRegistrationResponse.of(registered.registration());
		if (!registered.created()) {
			return ResponseEntity.ok(body);
		}
		logger.info("Registered device {} ({} {})", registered.registration().fingerprint(),
				registered.registration().make(), registered.registration().model());
		return ResponseEntity.created(URI.create(body.bundleUrl())).body(body);
	}

	/**
	 * Registers, counting the outcome. The provider tag is the request's provider only
	 * where the service found that provider.
	 */
	private Registered register(VerifiedRegistration verified) {
		String provider = verified.request().provider();
		Registered registered;
		try {
			registered = this.registrations.register(verified);
		}
		catch (RegistrationException ex) {
			switch (ex.reason()) {
				case DEVICE_REVOKED -> this.registrationMetrics.record(null, Outcome.REVOKED);
				case CONFLICT -> this.registrationMetrics.record(provider, Outcome.CONFLICT);
				case GONE -> this.registrationMetrics.record(provider, Outcome.GONE);
				default -> this.registrationMetrics.record(null, Outcome.ERROR);
			}
			throw ex;
		}
		catch (DeviceRefusedException ex) {
			this.registrationMetrics.record(provider, Outcome.REVOKED);
			throw ex;
		}
		catch (ProviderNotFoundException ex) {
			this.registrationMetrics.record(null, Outcome.UNKNOWN_PROVIDER);
			throw ex;
		}
		catch (RuntimeException ex) {
			this.registrationMetrics.record(null, Outcome.ERROR);
			throw ex;
		}
		this.registrationMetrics.record(provider, registered.created() ? Outcome.CREATED : Outcome.EXISTING);
		return registered;
	}

	@GetMapping("/{generatedId}/licenses")
	@Operation(operationId = "getLicenseBundle",
			summary = "The out-of-band bundle: every current, unexpired pre-generated license of a generated ID",
			description = "An expired license leaves the bundle at once (one whose policy allows renewal is made "
					+ "again shortly). Strong ETag; If-None-Match answers 304 when unchanged. Cacheable by a CDN. "
					+ "404 REGISTRATION_NOT_FOUND for an unknown ID, 410 REGISTRATION_GONE for a superseded or "
					+ "revoked one, 403 DEVICE_NOT_ADMITTED when the provider no longer admits the device.")
	ResponseEntity<BundleResponse> bundle(@PathVariable String generatedId,
			@RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch) {
		Bundle bundle = this.bundles.bundle(generatedId);
		String etag = bundle.etag();
		if (BundleCaching.notModified(ifNoneMatch, etag)) {
			this.bundleMetrics.notModified(BundleMetrics.Kind.DEVICE);
			return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
				.eTag(etag)
				.cacheControl(BundleCaching.BUNDLES)
				.build();
		}
		this.bundleMetrics.downloaded(BundleMetrics.Kind.DEVICE);
		return ResponseEntity.ok().eTag(etag).cacheControl(BundleCaching.BUNDLES).body(BundleResponse.of(bundle));
	}

	@Schema(name = "DeviceRegistrationRequest")
	record DeviceRegistrationRequest(@Schema(
			description = "The registration request: a compact JWS (typ voucher-registration+jwt) signed by the device "
					+ "key with the device chain in x5c; claims gid (the generated ID), provider, iat, jti") @NotBlank @Size(
							max = 32768) String registration) {
	}

	@Schema(name = "DeviceRegistration")
	record DeviceRegistrationResponse(@Schema(description = "The registered generated ID") String generatedId,
			@Schema(description = "base64url SHA-256 of the device certificate") String fingerprint,
			@Schema(description = "ACTIVE") String status, Instant registeredAt,
			@Schema(description = "Where the bundle of pre-generated licenses is") String bundleUrl) {

		static DeviceRegistrationResponse of(Registration registration) {
			return new DeviceRegistrationResponse(registration.generatedId(), registration.fingerprint(),
					registration.status().name(), registration.registeredAt(),
					"/device/v1/registrations/" + registration.generatedId() + "/licenses");
		}

	}

	@Schema(name = "LicenseBundle")
	record BundleResponse(String generatedId,
			@Schema(description = "Grows with every change of the bundle") long version,
			List<BundledLicenseResponse> licenses) {

		static BundleResponse of(Bundle bundle) {
			return new BundleResponse(bundle.generatedId(), bundle.version(),
					bundle.licenses()
						.stream()
						.map((license) -> new BundledLicenseResponse(license.licenseId(), license.contentId(),
								license.license(), license.issuedAt(), license.expiresAt()))
						.toList());
		}

	}

	@Schema(name = "BundledLicense")
	record BundledLicenseResponse(String licenseId, @Schema(description = "The content id (plain)") String contentId,
			@Schema(description = "The license: a compact JWS (voucher-license+jwt)") String license, Instant issuedAt,
			Instant expiresAt) {
	}

}
