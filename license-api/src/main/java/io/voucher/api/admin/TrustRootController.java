package io.voucher.api.admin;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.voucher.api.license.DeviceTrustStore;
import io.voucher.api.web.PageRequests;
import io.voucher.api.web.PageResponse;
import io.voucher.registry.trust.TrustRootException;
import io.voucher.registry.trust.TrustedRoot;
import io.voucher.registry.trust.TrustedRoots;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Manufacturer device roots: devices whose certificates chain to a trusted root register
 * and get licenses without individualization. Adding and removing roots is for ADMIN
 * users only; the change applies at once on this node and within half a minute on the
 * others.
 */
@RestController
@RequestMapping("/api/v1/admin/trust-roots")
@Tag(name = "Admin: trust roots", description = "Manufacturer device roots trusted besides the built-in Device CA")
class TrustRootController {

	private static final Logger logger = LoggerFactory.getLogger(TrustRootController.class);

	private final TrustedRoots roots;

	private final DeviceTrustStore trust;

	TrustRootController(TrustedRoots roots, DeviceTrustStore trust) {
		this.roots = roots;
		this.trust = trust;
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	@Operation(operationId = "createTrustRoot",
			summary = "Trust a manufacturer root (a CA certificate that may sign certificates, not expired)")
	ResponseEntity<TrustRootResponse> create(@RequestBody TrustRootRequest request, Authentication authentication) {
		if (request.certificatePem() == null || request.label() == null) {
			throw new TrustRootException(TrustRootException.Reason.INVALID, "certificate_pem and label are required");
		}
		TrustedRoot root = this.roots.add(request.certificatePem(), request.label(), authentication.getName());
		this.trust.refresh();
		logger.info("Trust root {} ({}) added by {}", root.fingerprint(), root.subject(), authentication.getName());
		return ResponseEntity.created(URI.create("/api/v1/admin/trust-roots/" + root.fingerprint()))
			.body(TrustRootResponse.of(root));
	}

	@GetMapping
	@Operation(operationId = "listTrustRoots", summary = "List the manufacturer roots added by administrators")
	PageResponse<TrustRootResponse> list(@RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + PageRequests.DEFAULT_SIZE) int size) {
		Pageable pageable = PageRequests.of(page, size, null, java.util.Map.of(), Sort.unsorted());
		List<TrustedRoot> all = this.roots.list();
		int from = (int) Math.min(pageable.getOffset(), all.size());
		int to = Math.min(from + pageable.getPageSize(), all.size());
		return PageResponse.of(new PageImpl<>(all.subList(from, to), pageable, all.size()), TrustRootResponse::of);
	}

	@DeleteMapping("/{fingerprint}")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	@Operation(operationId = "deleteTrustRoot",
			summary = "Stop trusting a manufacturer root: devices chaining to it are refused from now on")
	void delete(@PathVariable String fingerprint, Authentication authentication) {
		this.roots.remove(fingerprint, authentication.getName());
		this.trust.refresh();
		logger.info("Trust root {} removed by {}", fingerprint, authentication.getName());
	}

	@Schema(name = "TrustRootRequest")
	record TrustRootRequest(@Schema(description = "The root certificate, PEM") @Nullable String certificatePem,
			@Schema(description = "A name for people", example = "Acme devices root") @Nullable String label) {
	}

	@Schema(name = "TrustRoot")
	record TrustRootResponse(@Schema(description = "base64url SHA-256 of the certificate") String fingerprint,
			String label, String subject, Instant notAfter, Instant addedAt, String addedBy) {

		static TrustRootResponse of(TrustedRoot root) {
			return new TrustRootResponse(root.fingerprint(), root.label(), root.subject(), root.notAfter(),
					root.addedAt(), root.addedBy());
		}

	}

}
